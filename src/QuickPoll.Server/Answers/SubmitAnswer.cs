using QuickPoll.Contracts;
using QuickPoll.Server.Alerts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Telemetry;

namespace QuickPoll.Server.Answers;

/// <summary>
/// Stores one answer and moves the counters: a new answer adds one; a visitor's re-vote moves their earlier
/// answer's counts to the new score and context; a repeated idempotency key returns the first receipt.
/// </summary>
internal sealed class SubmitAnswer(SubmitAnswerRequest request, IdempotentRequest? idempotency, VerifiedOrder? verifiedOrder = null, AlertQueue? alerts = null, QuickPollMetrics? metrics = null)
    : IdempotentWrite<AnswerReceipt>("answer", idempotency, QuickPollJsonContext.Default.AnswerReceipt)
{
    private long _answerId;
    private bool _verified;

    protected override void Write(WriteBatch batch)
    {
        var kind = FeedbackKindNames.Of(request.Kind);
        var previous = request.VisitorId is null ? null : FindPrevious(batch, kind);
        var purpose = $"rating:{kind}";
        var claimed = verifiedOrder is not null && PurchaseProof.EnsureUnused(batch, verifiedOrder, request.Target, purpose, previous?.Id);
        if (previous is { } earlier)
        {
            _answerId = earlier.Id;
            batch.Execute(
                s_update,
                [("@id", _answerId), ("@score", request.Score), ("@at", batch.Now), ("@verified", verifiedOrder is null ? 0 : 1), .. ContextColumns.Bind(request)]);
            AnswerCounters.Move(batch, request.Target, kind, earlier.Score, earlier.Context, -1);
        }
        else
        {
            _answerId = (long)batch.Scalar(
                s_insert,
                [("@target", request.Target), ("@kind", kind), ("@score", request.Score), ("@at", batch.Now), ("@visitor", request.VisitorId),
                    ("@verified", verifiedOrder is null ? 0 : 1), .. ContextColumns.Bind(request)])!;
        }

        if (verifiedOrder is not null && !claimed)
        {
            PurchaseProof.Claim(batch, verifiedOrder, request.Target, purpose, _answerId);
        }

        _verified = verifiedOrder is not null || previous?.Verified == true;

        AnswerCounters.Move(batch, request.Target, kind, request.Score, AnswerContext.Of(request), +1);
        alerts?.AnswerStored(batch, request, previous?.Score);
        batch.AfterCommit(() => metrics?.AnswerStored(request.Kind));
    }

    protected override AnswerReceipt Read(WriteBatch batch) =>
        new(_answerId, AnswerCounters.SummaryOf(batch, request.Target, request.Kind)) { VerifiedPurchase = _verified };

    protected override void ResetWrite() => (_answerId, _verified) = (0, false);

    private static readonly string s_update = $"""
        UPDATE answers SET score = @score, updated_at = @at, {ContextColumns.Assignments},
            verified = CASE WHEN @verified = 1 THEN 1 ELSE verified END
        WHERE id = @id;
        """;

    private static readonly string s_insert = $"""
        INSERT INTO answers (target, kind, score, created_at, visitor_id, {ContextColumns.List}, verified)
        VALUES (@target, @kind, @score, @at, @visitor, {ContextColumns.Parameters}, @verified) RETURNING id;
        """;

    private (long Id, int Score, bool Verified, AnswerContext Context)? FindPrevious(WriteBatch batch, string kind)
    {
        using var reader = batch.Query(
            $"SELECT id, score, verified, {ContextColumns.Counted} FROM answers WHERE target = @target AND kind = @kind AND visitor_id = @visitor;",
            ("@target", request.Target), ("@kind", kind), ("@visitor", request.VisitorId));
        if (!reader.Read())
        {
            return null;
        }

        return (reader.GetInt64(0), reader.GetInt32(1), reader.GetInt32(2) != 0, AnswerContext.Read(reader, 3));
    }
}
