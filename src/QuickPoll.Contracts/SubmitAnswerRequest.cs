namespace QuickPoll.Contracts;

/// <summary>A visitor's answer on one feedback scale.</summary>
/// <param name="Target">What is rated: a product SKU or any id the shop chooses.</param>
/// <param name="Score">The score on the kind's scale (see <see cref="FeedbackLimits.ScaleOf"/>).</param>
public sealed record SubmitAnswerRequest(string Target, int Score) : FeedbackContext
{
    /// <summary>The feedback scale; stars unless set.</summary>
    public FeedbackKind Kind { get; init; } = FeedbackKind.Stars;

    /// <summary>A signed order token from the shop's backend (see <see cref="OrderTokens"/>): the answer is then marked as a verified purchase.</summary>
    public string? OrderToken { get; init; }
}
