using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Results;

/// <summary>Staff's results, read from the same counters as the public summaries: never a scan over answers.</summary>
internal static class ResultsQuery
{
    /// <summary>The context fields results can be broken down by, plus the target itself.</summary>
    public static readonly string[] Breakdowns = AnswerContext.Breakdowns;

    /// <summary>The name used for "every target" in a summary that spans them all.</summary>
    public const string AllTargets = "*";

    public static ResultsBreakdown Read(QueryRunner query, string? target, FeedbackKind kind, string? breakdown)
    {
        var kindName = FeedbackKindNames.Of(kind);
        var overall = target is null
            ? Summary(AllTargets, kind, Rows(query, "SELECT '', score, SUM(count) FROM summary_counts WHERE kind = @kind GROUP BY score;", ("@kind", kindName)).Values.FirstOrDefault())
            : Application.ReadSummary.Query(query, target, kind, filter: null);

        Dictionary<string, Dictionary<int, long>> groups = breakdown switch
        {
            null => [],
            "target" when target is null => Rows(query, "SELECT target, score, count FROM summary_counts WHERE kind = @kind;", ("@kind", kindName)),
            "target" => Rows(query, "SELECT target, score, count FROM summary_counts WHERE kind = @kind AND target = @target;", ("@kind", kindName), ("@target", target)),
            _ when target is null => Rows(
                query,
                "SELECT value, score, SUM(count) FROM context_counts WHERE kind = @kind AND dimension = @dimension GROUP BY value, score;",
                ("@kind", kindName), ("@dimension", breakdown)),
            _ => Rows(
                query,
                "SELECT value, score, count FROM context_counts WHERE kind = @kind AND dimension = @dimension AND target = @target;",
                ("@kind", kindName), ("@dimension", breakdown), ("@target", target)),
        };

        var summaries = groups
            .Select(g => new SummaryGroup(g.Key, Summary(target ?? AllTargets, kind, g.Value)))
            .Where(g => g.Summary.Count > 0)
            .OrderBy(g => AnswerContext.Rank(breakdown, g.Value))
            .ThenByDescending(g => g.Summary.Count)
            .ThenBy(g => g.Value, StringComparer.Ordinal)
            .ToList();
        return new ResultsBreakdown(overall, breakdown, summaries);
    }

    private static Dictionary<string, Dictionary<int, long>> Rows(QueryRunner query, string sql, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var groups = new Dictionary<string, Dictionary<int, long>>(StringComparer.Ordinal);
        using var reader = query(sql, parameters);
        while (reader.Read())
        {
            var key = reader.GetString(0);
            if (!groups.TryGetValue(key, out var scores))
            {
                groups[key] = scores = [];
            }

            scores[reader.GetInt32(1)] = reader.GetInt64(2);
        }

        return groups;
    }

    private static FeedbackSummary Summary(string target, FeedbackKind kind, Dictionary<int, long>? scores)
    {
        var scale = FeedbackLimits.ScaleOf(kind);
        var distribution = new long[scale.Length];
        foreach (var (score, count) in scores ?? [])
        {
            if (scale.Contains(score))
            {
                distribution[score - scale.Min] = count;
            }
        }

        return FeedbackSummary.FromDistribution(target, kind, distribution);
    }
}
