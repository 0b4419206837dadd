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
}
