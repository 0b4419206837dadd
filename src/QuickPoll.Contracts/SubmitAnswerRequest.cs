namespace QuickPoll.Contracts;

/// <summary>A visitor's answer on one feedback scale.</summary>
/// <param name="Target">What is rated: a product SKU or any id the shop chooses.</param>
/// <param name="Score">The score on the kind's scale (see <see cref="FeedbackLimits.ScaleOf"/>).</param>
public sealed record SubmitAnswerRequest(string Target, int Score)
{
    /// <summary>The feedback scale; stars unless set.</summary>
    public FeedbackKind Kind { get; init; } = FeedbackKind.Stars;
}
