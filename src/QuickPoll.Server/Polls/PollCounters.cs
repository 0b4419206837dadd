using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Polls;

/// <summary>The one place poll votes are counted: per choice and voters, overall and per context value.</summary>
internal static class PollCounters
{
    /// <summary>Adds <paramref name="delta"/> (negative to uncount) to each picked choice and to the voters, overall and per context value.</summary>
    public static void Move(
        WriteBatch batch, string pollId, IReadOnlyList<string> choices, AnswerContext context, int delta)
    {
        var groups = context.Groups().Prepend((PollStore.Overall, ""));
        foreach (var (dimension, value) in groups)
        {
            foreach (var choice in choices.Append(PollStore.Voters))
            {
                // An uncount that reaches zero drops the row: nothing is kept of values no vote has any more.
                batch.Execute(
                    delta > 0
                        ? """
                          INSERT INTO poll_counts (poll_id, dimension, value, choice_id, count) VALUES (@poll, @dimension, @value, @choice, @delta)
                          ON CONFLICT (poll_id, dimension, value, choice_id) DO UPDATE SET count = poll_counts.count + @delta;
                          """
                        : """
                          UPDATE poll_counts SET count = count + @delta WHERE poll_id = @poll AND dimension = @dimension AND value = @value AND choice_id = @choice;
                          DELETE FROM poll_counts WHERE poll_id = @poll AND dimension = @dimension AND value = @value AND choice_id = @choice AND count = 0;
                          """,
                    ("@poll", pollId), ("@dimension", dimension), ("@value", value), ("@choice", choice), ("@delta", delta));
            }
        }
    }
}
