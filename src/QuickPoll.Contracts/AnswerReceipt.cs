namespace QuickPoll.Contracts;

/// <summary>The server's answer to a stored submission.</summary>
/// <param name="AnswerId">The stored answer's id.</param>
/// <param name="Summary">The target's summary including this answer.</param>
public sealed record AnswerReceipt(long AnswerId, FeedbackSummary Summary)
{
    /// <summary>Whether a valid order token marked the answer as a verified purchase.</summary>
    public bool VerifiedPurchase { get; init; }
}
