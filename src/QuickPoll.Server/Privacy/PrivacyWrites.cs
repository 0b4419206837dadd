using System.Globalization;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Privacy;

/// <summary>Deletes everything stored with one visitor id, in one transaction, and uncounts it.</summary>
internal sealed class EraseVisitor(string visitorId) : WriteOperation<VisitorErasure>
{
    private VisitorErasure? _erased;

    public override void Execute(WriteBatch batch)
    {
        _erased = new VisitorErasure(
            FeedbackRemoval.RemoveAnswers(batch, "visitor_id = @visitor", ("@visitor", visitorId)),
            FeedbackRemoval.RemovePollVotes(batch, "visitor_id = @visitor", ("@visitor", visitorId)),
            FeedbackRemoval.RemoveComments(batch, "visitor_id = @visitor", ("@visitor", visitorId)));
        // A replayed key of the visitor's would otherwise still return what was erased.
        batch.Execute("DELETE FROM idempotency_receipts WHERE visitor_id = @visitor;", ("@visitor", visitorId));
    }

    public override void Reset() => _erased = null;

    protected override VisitorErasure GetResult() => _erased!;
}

/// <summary>Deletes at most <paramref name="limit"/> of each of answers, votes and comments first stored before <paramref name="cutoff"/>, oldest first.</summary>
internal sealed class RemoveExpiredFeedback(DateTimeOffset cutoff, int limit) : WriteOperation<RemovedFeedback>
{
    private RemovedFeedback _removed;

    public override void Execute(WriteBatch batch)
    {
        var before = WriteBatch.Stamp(cutoff);
        _removed = new RemovedFeedback(
            FeedbackRemoval.RemoveAnswers(batch, Oldest("answers"), ("@before", before), ("@take", limit)),
            FeedbackRemoval.RemovePollVotes(batch, Oldest("poll_votes"), ("@before", before), ("@take", limit)),
            FeedbackRemoval.RemoveComments(batch, Oldest("comments"), ("@before", before), ("@take", limit)));
    }

    public override void Reset() => _removed = default;

    protected override RemovedFeedback GetResult() => _removed;

    private static string Oldest(string table) =>
        $"id IN (SELECT id FROM {table} WHERE created_at < @before ORDER BY created_at LIMIT @take)";
}

/// <summary>Deletes up to <paramref name="limit"/> idempotency receipts whose key has expired.</summary>
internal sealed class RemoveExpiredReceipts(int limit) : WriteOperation<int>
{
    private int _removed;

    public override void Execute(WriteBatch batch) =>
        _removed = batch.Execute(
            """
            DELETE FROM idempotency_receipts WHERE (site, operation, key) IN
                (SELECT site, operation, key FROM idempotency_receipts WHERE expires_at <= @now ORDER BY expires_at LIMIT @take);
            """,
            ("@now", batch.Now), ("@take", limit));

    public override void Reset() => _removed = 0;

    protected override int GetResult() => _removed;
}
