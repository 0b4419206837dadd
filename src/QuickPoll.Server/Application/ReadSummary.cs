using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>
/// A target's summary on one scale (count, average, distribution), overall or for one context value: the one way it is
/// read, from the per-score counters (at most one row per score, however many answers there are), through the cache
/// where this process is the only writer. The writer and the results read the same counters with <see cref="Query"/>.
/// </summary>
internal sealed class ReadSummary(Database database, SummaryCache cache)
{
    /// <summary>Checks the request and reads the summary.</summary>
    /// <param name="target">What is rated.</param>
    /// <param name="kind">The scale.</param>
    /// <param name="filter">The values given for <see cref="ContextDimension.Groupable"/>, by wire value and in that order; at most one set.</param>
    public FeedbackSummary Run(string? target, FeedbackKind kind, string?[]? filter = null)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        if (!Enum.IsDefined(kind))
        {
            throw QuickPollRefusal.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        return AnswerContext.TryReadFilter(filter, out var only, out var problem)
            ? Read(target!, kind, only)
            : throw QuickPollRefusal.Invalid(problem.Field, problem.Message);
    }

    /// <summary>The wire values of a typed filter, in the order of <see cref="ContextDimension.Groupable"/>.</summary>
    public static string?[] Values(SummaryFilter filter) =>
    [
        filter.Segment,
        filter.JourneyStage is not { } stage ? null : Enum.IsDefined(stage) ? ContextDimension.JourneyStage.Values[(int)stage] : stage.ToString(),
        filter.Touchpoint,
        filter.Locale,
    ];

    /// <summary>Reads a summary of a checked request from pooled read connections, beside the single writer.</summary>
    public FeedbackSummary Read(string target, FeedbackKind kind, (string Dimension, string Value)? filter = null) =>
        filter is null
            ? cache.GetOrRead(target, kind, () => database.Read(query => Query(query, target, kind, null)))
            : database.Read(query => Query(query, target, kind, filter));

    /// <summary>Reads a summary from the counters with <paramref name="query"/>: a pooled connection, or the writer's batch.</summary>
    public static FeedbackSummary Query(QueryRunner query, string target, FeedbackKind kind, (string Dimension, string Value)? filter)
    {
        var scale = FeedbackLimits.ScaleOf(kind);
        var distribution = new long[scale.Length];
        var kindName = FeedbackKindNames.Of(kind);
        using (var reader = filter is { } f
            ? query(
                "SELECT score, count FROM context_counts WHERE target = @target AND kind = @kind AND dimension = @dimension AND value = @value;",
                ("@target", target), ("@kind", kindName), ("@dimension", f.Dimension), ("@value", f.Value))
            : query("SELECT score, count FROM summary_counts WHERE target = @target AND kind = @kind;", ("@target", target), ("@kind", kindName)))
        {
            while (reader.Read())
            {
                var score = reader.GetInt32(0);
                if (scale.Contains(score))
                {
                    distribution[score - scale.Min] = reader.GetInt64(1);
                }
            }
        }

        return FeedbackSummary.FromDistribution(target, kind, distribution);
    }
}
