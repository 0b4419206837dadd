using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Insights;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The staff dashboard's overview: every kind's figures for a period, for all products or one, and the products to pick from.</summary>
internal sealed class DashboardOverview(Database database, IOptions<QuickPollServerOptions> options)
{
    public (InsightsOverview Overview, IReadOnlyList<string> Targets) Read(DateTimeOffset from, DateTimeOffset to, string? target) =>
        database.Read(query => (InsightsQuery.Overview(query, from, to, target, options.Value.MinimumSample), Targets(query, from, to)));

    /// <summary>The targets answered in a range, for the target filter: at most 500, in name order.</summary>
    internal static List<string> Targets(QueryRunner query, DateTimeOffset from, DateTimeOffset to)
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
