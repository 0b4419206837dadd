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
    public const string JourneyStageError = "The journey stage must be one of: discovery, purchase, use, after-purchase.";

    /// <summary>Checks the request and reads the summary.</summary>
    /// <param name="target">What is rated.</param>
    /// <param name="kind">The scale.</param>
    /// <param name="filter">At most one context value to count; none for every answer.</param>
    public FeedbackSummary Run(string? target, FeedbackKind kind, SummaryFilter? filter = null)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        if (!Enum.IsDefined(kind))
        {
            throw QuickPollRefusal.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        (string Dimension, string Value)? only = null;
        var filters = 0;
        foreach (var (dimension, value, error) in new[]
        {
            (AnswerContext.Segment, filter?.Segment, FeedbackLimits.ValidateTag(filter?.Segment, "segment")),
            (AnswerContext.JourneyStage, filter?.JourneyStage is { } stage && Enum.IsDefined(stage) ? AnswerContext.StageName(stage) : null,
                filter?.JourneyStage is { } given && !Enum.IsDefined(given) ? JourneyStageError : null),
            (AnswerContext.Touchpoint, filter?.Touchpoint, FeedbackLimits.ValidateTag(filter?.Touchpoint, "touchpoint")),
            (AnswerContext.Locale, filter?.Locale, FeedbackLimits.ValidateLocale(filter?.Locale)),
        })
        {
            if (error is not null)
            {
                throw QuickPollRefusal.Invalid(dimension, error);
            }

            if (value is not null)
            {
                only = (dimension, value);
                filters++;
            }
        }

        return filters > 1
            ? throw QuickPollRefusal.Invalid("filter", "Filter a summary by one of segment, journeyStage, touchpoint or locale at a time.")
            : Read(target!, kind, only);
    }

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
