using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Polls;

/// <summary>The one place poll votes are counted: per choice and voters, overall and per context value.</summary>
internal static class PollCounters
{
    /// <summary>Adds <paramref name="delta"/> (negative to uncount) to each picked choice and to the voters, overall and per context value.</summary>
    public static void Move(
        WriteBatch batch, string pollId, IReadOnlyList<string> choices, string? segment, string? stage, string? touchpoint, string? locale, int delta)
    {
        var groups = AnswerContext.Of(segment, stage, touchpoint, locale).Prepend((PollStore.Overall, ""));
        foreach (var (dimension, value) in groups)
        {
            foreach (var choice in choices.Append(PollStore.Voters))
            {
                batch.Execute(
                    """
                    INSERT INTO poll_counts (poll_id, dimension, value, choice_id, count) VALUES (@poll, @dimension, @value, @choice, @delta)
                    ON CONFLICT (poll_id, dimension, value, choice_id) DO UPDATE SET count = poll_counts.count + @delta;
                    """,
                    ("@poll", pollId), ("@dimension", dimension), ("@value", value), ("@choice", choice), ("@delta", delta));
            }
        }
    }
}
