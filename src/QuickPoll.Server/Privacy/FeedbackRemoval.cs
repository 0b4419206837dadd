using QuickPoll.Server.Answers;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Privacy;

/// <summary>How many rows of each kind a removal deleted.</summary>
internal readonly record struct RemovedFeedback(int Answers, int PollVotes, int Comments)
{
    public static RemovedFeedback operator +(RemovedFeedback a, RemovedFeedback b) =>
        new(a.Answers + b.Answers, a.PollVotes + b.PollVotes, a.Comments + b.Comments);

    public bool IsEmpty => Answers == 0 && PollVotes == 0 && Comments == 0;
}

/// <summary>
/// The one place stored feedback is deleted (erasing a visitor, the retention period): each deleted answer and
/// vote is uncounted exactly as a re-vote uncounts the earlier one, in the caller's transaction.
/// </summary>
/// <remarks>
/// Counters move by what <c>DELETE ... RETURNING</c> reports, so a row another instance deleted (or changed) first
/// is never uncounted twice or at its old score.
/// </remarks>
internal static class FeedbackRemoval
{
    /// <summary>Deletes the answers matching <paramref name="where"/> (a condition on <c>answers</c>) and uncounts them.</summary>
    public static int RemoveAnswers(WriteBatch batch, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var removed = new List<(string Target, string Kind, int Score, AnswerContext Context)>();
        var verified = new List<long>();
        using (var reader = batch.Query(
            $"DELETE FROM answers WHERE {where} RETURNING target, kind, score, id, verified, {ContextColumns.Counted};", parameters))
        {
            while (reader.Read())
            {
                removed.Add((reader.GetString(0), reader.GetString(1), reader.GetInt32(2), AnswerContext.Read(reader, 5)));
                if (reader.GetInt32(4) != 0)
                {
                    verified.Add(reader.GetInt64(3));
                }
            }
        }

        RemoveOrderTokens(batch, verified, "purpose <> 'comment'");

        // Answers counted alike are uncounted together: one statement per counter, however many rows.
        foreach (var alike in removed.GroupBy(answer => answer))
        {
            var (target, kind, score, context) = alike.Key;
            AnswerCounters.Move(batch, target, kind, score, context, -alike.Count());
        }

        return removed.Count;
    }

    /// <summary>Deletes the poll votes matching <paramref name="where"/> (a condition on <c>poll_votes</c>) and uncounts them.</summary>
    public static int RemovePollVotes(WriteBatch batch, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var removed = new List<(string PollId, string Choices, AnswerContext Context)>();
        using (var reader = batch.Query(
            $"DELETE FROM poll_votes WHERE {where} RETURNING poll_id, choice_ids, {ContextColumns.Counted};", parameters))
        {
            while (reader.Read())
            {
                removed.Add((reader.GetString(0), reader.GetString(1), AnswerContext.Read(reader, 2)));
            }
        }

        foreach (var alike in removed.GroupBy(vote => vote))
        {
            var (pollId, choices, context) = alike.Key;
            PollCounters.Move(batch, pollId, choices.Split(','), context, -alike.Count());
        }

        return removed.Count;
    }

    /// <summary>Deletes the comments matching <paramref name="where"/> (a condition on <c>comments</c>); comment lists are not counters.</summary>
    public static int RemoveComments(WriteBatch batch, string where, params ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        var removed = 0;
        var verified = new List<long>();
        using (var reader = batch.Query($"DELETE FROM comments WHERE {where} RETURNING id, verified;", parameters))
        {
            while (reader.Read())
            {
                removed++;
                if (reader.GetInt32(1) != 0)
                {
                    verified.Add(reader.GetInt64(0));
                }
            }
        }

        RemoveOrderTokens(batch, verified, "purpose = 'comment'");
        if (removed > 0)
        {
            batch.AfterCommit(batch.Comments.ChangedAny);
        }

        return removed;
    }

    /// <summary>Deletes the used order tokens that verified the deleted rows: nothing stays that links an order to them.</summary>
    private static void RemoveOrderTokens(WriteBatch batch, List<long> usedBy, string purpose)
    {
        foreach (var id in usedBy)
        {
            batch.Execute($"DELETE FROM used_order_tokens WHERE used_by = @id AND {purpose};", ("@id", id));
        }
    }
}
