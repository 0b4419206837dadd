using System.Globalization;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Dashboard;

/// <summary>The few reads only the dashboard needs; its figures come from <see cref="Insights.InsightsQuery"/>.</summary>
internal static class DashboardQueries
{
    /// <summary>The targets answered in a range, for the target filter: at most 500, in name order.</summary>
    public static List<string> Targets(QueryRunner query, DateTimeOffset from, DateTimeOffset to)
    {
        var targets = new List<string>();
        using var reader = query(
            "SELECT DISTINCT target FROM answers WHERE created_at >= @from AND created_at < @to ORDER BY target LIMIT 500;",
            ("@from", WriteBatch.Stamp(from)), ("@to", WriteBatch.Stamp(to)));
        while (reader.Read())
        {
            targets.Add(reader.GetString(0));
        }

        return targets;
    }

}
