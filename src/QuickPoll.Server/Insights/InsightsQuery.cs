using System.Globalization;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Insights;

/// <summary>
/// The dashboard's figures for a date range, read from the answers themselves (by their creation time's index),
/// so erasure and retention are reflected at once and the submission path carries no extra counters.
/// </summary>
internal static class InsightsQuery
{
    /// <summary>The longest range a trend is drawn for, in days.</summary>
    public const int MaxDays = 366;

    /// <summary>What a breakdown can group by, with the column each is stored in.</summary>
    public static readonly IReadOnlyDictionary<string, string> Dimensions = AnswerContext.Breakdowns.ToDictionary(
        name => name, name => ContextDimension.Find(name)?.Column() ?? name, StringComparer.Ordinal);

    public static InsightsOverview Overview(QueryRunner query, DateTimeOffset from, DateTimeOffset to, string? target, int minimumSample)
    {
        var previousFrom = from - (to - from);
        var days = Days(from, to);
        var name = target ?? ResultsAll;

        // kind -> day -> distribution
        var current = new Dictionary<string, Dictionary<string, long[]>>(StringComparer.Ordinal);
        using (var reader = query(
            $"SELECT kind, substr(created_at, 1, 10), score, COUNT(*) FROM answers WHERE created_at >= @from AND created_at < @to{TargetFilter(target)} GROUP BY kind, substr(created_at, 1, 10), score;",
            Parameters(target, ("@from", WriteBatch.Stamp(from)), ("@to", WriteBatch.Stamp(to)))))
        {
            while (reader.Read())
            {
                if (!FeedbackKindNames.TryParse(reader.GetString(0), out var kind))
                {
                    continue;
                }

                var byDay = current.TryGetValue(reader.GetString(0), out var found) ? found : current[reader.GetString(0)] = new(StringComparer.Ordinal);
                var day = reader.GetString(1);
                var distribution = byDay.TryGetValue(day, out var d) ? d : byDay[day] = new long[FeedbackLimits.ScaleOf(kind).Length];
                Add(distribution, kind, reader.GetInt32(2), reader.GetInt64(3));
            }
        }

        var previous = new Dictionary<string, long[]>(StringComparer.Ordinal);
        using (var reader = query(
            $"SELECT kind, score, COUNT(*) FROM answers WHERE created_at >= @from AND created_at < @to{TargetFilter(target)} GROUP BY kind, score;",
            Parameters(target, ("@from", WriteBatch.Stamp(previousFrom)), ("@to", WriteBatch.Stamp(from)))))
        {
            while (reader.Read())
            {
                if (FeedbackKindNames.TryParse(reader.GetString(0), out var kind))
                {
                    var distribution = previous.TryGetValue(reader.GetString(0), out var d) ? d : previous[reader.GetString(0)] = new long[FeedbackLimits.ScaleOf(kind).Length];
                    Add(distribution, kind, reader.GetInt32(1), reader.GetInt64(2));
                }
            }
        }

        var kinds = new List<KindInsight>();
        foreach (var kind in Enum.GetValues<FeedbackKind>())
        {
            var kindName = FeedbackKindNames.Of(kind);
            var length = FeedbackLimits.ScaleOf(kind).Length;
            var byDay = current.GetValueOrDefault(kindName) ?? [];
            var total = new long[length];
            var trend = new List<TrendPoint>(days.Count);
            foreach (var day in days)
            {
                var distribution = byDay.GetValueOrDefault(day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)) ?? new long[length];
                for (var i = 0; i < length; i++)
                {
                    total[i] += distribution[i];
                }

                trend.Add(new TrendPoint(day, FeedbackSummary.FromDistribution(name, kind, distribution)));
            }

            kinds.Add(new KindInsight(
                kind,
                FeedbackSummary.FromDistribution(name, kind, total),
                FeedbackSummary.FromDistribution(name, kind, previous.GetValueOrDefault(kindName) ?? new long[length]),
                trend));
        }

        return new InsightsOverview(from, to, target, minimumSample, kinds);
    }

    public static InsightsBreakdown Breakdown(
        QueryRunner query, FeedbackKind kind, string dimension, DateTimeOffset from, DateTimeOffset to, string? target, int minimumSample)
    {
        var column = Dimensions[dimension];
        var groups = new Dictionary<string, long[]>(StringComparer.Ordinal);
        var length = FeedbackLimits.ScaleOf(kind).Length;
        using (var reader = query(
            $"SELECT {column}, score, COUNT(*) FROM answers WHERE kind = @kind AND created_at >= @from AND created_at < @to AND {column} IS NOT NULL{TargetFilter(target)} GROUP BY {column}, score;",
            Parameters(target, ("@kind", FeedbackKindNames.Of(kind)), ("@from", WriteBatch.Stamp(from)), ("@to", WriteBatch.Stamp(to)))))
        {
            while (reader.Read())
            {
                var value = reader.GetString(0);
                var distribution = groups.TryGetValue(value, out var d) ? d : groups[value] = new long[length];
                Add(distribution, kind, reader.GetInt32(1), reader.GetInt64(2));
            }
        }

        var name = target ?? ResultsAll;
        var summaries = groups
            .Select(g => new SummaryGroup(g.Key, FeedbackSummary.FromDistribution(dimension == "target" ? g.Key : name, kind, g.Value)))
            .OrderBy(g => AnswerContext.Rank(dimension, g.Value))
            .ThenByDescending(g => g.Summary.Count)
            .ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
        return new InsightsBreakdown(kind, dimension, from, to, target, minimumSample, summaries);
    }

    /// <summary>The UTC days a range touches, oldest first.</summary>
    public static List<DateOnly> Days(DateTimeOffset from, DateTimeOffset to)
    {
        var first = DateOnly.FromDateTime(from.UtcDateTime);
        var last = DateOnly.FromDateTime((to - TimeSpan.FromTicks(1)).UtcDateTime);
        var days = new List<DateOnly>();
        for (var day = first; day <= last; day = day.AddDays(1))
        {
            days.Add(day);
        }

        return days;
    }

    private const string ResultsAll = Results.ResultsQuery.AllTargets;

    private static string TargetFilter(string? target) => target is null ? "" : " AND target = @target";

    // A parameter the statement does not name is an error on PostgreSQL, so the target is only passed when filtered on.
    private static (string Name, object? Value)[] Parameters(string? target, params (string Name, object? Value)[] parameters) =>
        target is null ? parameters : [.. parameters, ("@target", target)];

    private static void Add(long[] distribution, FeedbackKind kind, int score, long count)
    {
        var index = score - FeedbackLimits.ScaleOf(kind).Min;
        if (index >= 0 && index < distribution.Length)
        {
            distribution[index] += count;
        }
    }

}
