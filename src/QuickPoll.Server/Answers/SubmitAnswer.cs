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
        var stage = AnswerContext.StageName(request.JourneyStage);
        var previous = request.VisitorId is null ? null : FindPrevious(batch, kind);
        var purpose = $"rating:{kind}";
        var claimed = verifiedOrder is not null && PurchaseProof.EnsureUnused(batch, verifiedOrder, request.Target, purpose, previous?.Id);
        if (previous is { } earlier)
        {
            _answerId = earlier.Id;
            batch.Execute(
                """
                UPDATE answers SET score = @score, updated_at = @at, segment = @segment, journey_stage = @stage,
                    touchpoint = @touchpoint, locale = @locale, page_path = @path,
                    verified = CASE WHEN @verified = 1 THEN 1 ELSE verified END
                WHERE id = @id;
                """,
                ("@id", _answerId), ("@score", request.Score), ("@at", batch.Now), ("@segment", request.Segment), ("@stage", stage),
                ("@touchpoint", request.Touchpoint), ("@locale", request.Locale), ("@path", request.PagePath), ("@verified", verifiedOrder is null ? 0 : 1));
            AnswerCounters.Move(batch, request.Target, kind, earlier.Score, earlier.Segment, earlier.Stage, earlier.Touchpoint, earlier.Locale, -1);
        }
        else
        {
            _answerId = (long)batch.Scalar(
                """
                INSERT INTO answers (target, kind, score, created_at, visitor_id, segment, journey_stage, touchpoint, locale, page_path, verified)
                VALUES (@target, @kind, @score, @at, @visitor, @segment, @stage, @touchpoint, @locale, @path, @verified) RETURNING id;
                """,
                ("@target", request.Target), ("@kind", kind), ("@score", request.Score), ("@at", batch.Now), ("@visitor", request.VisitorId),
                ("@segment", request.Segment), ("@stage", stage), ("@touchpoint", request.Touchpoint), ("@locale", request.Locale), ("@path", request.PagePath),
                ("@verified", verifiedOrder is null ? 0 : 1))!;
        }

        if (verifiedOrder is not null && !claimed)
        {
            PurchaseProof.Claim(batch, verifiedOrder, request.Target, purpose, _answerId);
        }

        _verified = verifiedOrder is not null || previous?.Verified == true;

        AnswerCounters.Move(batch, request.Target, kind, request.Score, request.Segment, stage, request.Touchpoint, request.Locale, +1);
        alerts?.AnswerStored(batch, request, previous?.Score);
        batch.AfterCommit(() => metrics?.AnswerStored(request.Kind));
    }

    protected override AnswerReceipt Read(WriteBatch batch) =>
        new(_answerId, AnswerCounters.SummaryOf(batch, request.Target, request.Kind)) { VerifiedPurchase = _verified };

    protected override void ResetWrite() => (_answerId, _verified) = (0, false);

    private (long Id, int Score, string? Segment, string? Stage, string? Touchpoint, string? Locale, bool Verified)? FindPrevious(WriteBatch batch, string kind)
    {
        using var reader = batch.Query(
            "SELECT id, score, segment, journey_stage, touchpoint, locale, verified FROM answers WHERE target = @target AND kind = @kind AND visitor_id = @visitor;",
            ("@target", request.Target), ("@kind", kind), ("@visitor", request.VisitorId));
        if (!reader.Read())
        {
            return null;
        }

        string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
        return (reader.GetInt64(0), reader.GetInt32(1), Text(2), Text(3), Text(4), Text(5), reader.GetInt32(6) != 0);
    }
}
