using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Answers;

/// <summary>
/// The one place answers are counted: the overall counter of a score and one counter per context value, moved
/// together in the write's transaction so a summary never scans answers.
/// </summary>
internal static class AnswerCounters
{
    /// <summary>Adds <paramref name="delta"/> (negative to uncount) to the overall counter and to each context counter of an answer.</summary>
    public static void Move(
        WriteBatch batch, string target, string kind, int score, string? segment, string? stage, string? touchpoint, string? locale, int delta)
    {
        RefreshAfterCommit(batch, target, kind);
        batch.Execute(
            """
            INSERT INTO summary_counts (target, kind, score, count) VALUES (@target, @kind, @score, @delta)
            ON CONFLICT (target, kind, score) DO UPDATE SET count = summary_counts.count + @delta;
            """,
            ("@target", target), ("@kind", kind), ("@score", score), ("@delta", delta));
        foreach (var (dimension, value) in AnswerContext.Of(segment, stage, touchpoint, locale))
        {
            batch.Execute(
                """
                INSERT INTO context_counts (target, kind, dimension, value, score, count) VALUES (@target, @kind, @dimension, @value, @score, @delta)
                ON CONFLICT (target, kind, dimension, value, score) DO UPDATE SET count = context_counts.count + @delta;
                """,
                ("@target", target), ("@kind", kind), ("@dimension", dimension), ("@value", value), ("@score", score), ("@delta", delta));
        }
    }

    /// <summary>The batch's memo of a summary, read after all of its writes (see <see cref="SummaryOf"/>).</summary>
    public static FeedbackSummary SummaryOf(WriteBatch batch, string target, FeedbackKind kind)
    {
        var key = (typeof(FeedbackSummary), target, kind);
        if (!batch.Items.TryGetValue(key, out var summary))
        {
            batch.Items[key] = summary = SummaryQuery.Read(batch.Query, target, kind, filter: null);
        }

        return (FeedbackSummary)summary;
    }

    // Once per target and kind per batch: after the commit, the cache takes the batch's summary or forgets the entry.
    private static void RefreshAfterCommit(WriteBatch batch, string target, string kindName)
    {
        if (!batch.Summaries.Enabled || !FeedbackKindNames.TryParse(kindName, out var kind) || !batch.Items.TryAdd((typeof(SummaryCache), target, kind), true))
        {
            return;
        }

        batch.AfterCommit(() => batch.Summaries.Committed(
            target, kind, batch.Items.TryGetValue((typeof(FeedbackSummary), target, kind), out var summary) ? (FeedbackSummary)summary : null));
    }
}
