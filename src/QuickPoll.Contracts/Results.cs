namespace QuickPoll.Contracts;

/// <summary>One group's summary, for example the answers of one segment or about one product.</summary>
/// <param name="Value">The group's value, for example <c>"returning"</c> or <c>"mug-001"</c>.</param>
/// <param name="Summary">The summary of the group's answers.</param>
public sealed record SummaryGroup(string Value, FeedbackSummary Summary);

/// <summary>Answers of one kind overall and, when asked for, per group.</summary>
/// <param name="Overall">The summary of all answers (of one target, or of every target).</param>
/// <param name="Breakdown">What the groups are by: segment, journeyStage, touchpoint, locale or target; null for none.</param>
/// <param name="Groups">The summary per group, largest first (groups of a field with defined <see cref="ContextDimension.Values"/>, such as journey stages, in that order); answers without a value for the breakdown are in no group.</param>
public sealed record ResultsBreakdown(FeedbackSummary Overall, string? Breakdown, IReadOnlyList<SummaryGroup> Groups);

/// <summary>One stored answer, as exported for staff.</summary>
/// <param name="Id">The answer's id.</param>
/// <param name="Target">What was rated.</param>
/// <param name="Kind">The scale.</param>
/// <param name="Score">The score.</param>
/// <param name="CreatedAt">When it was first given.</param>
public sealed record ExportedAnswer(long Id, string Target, FeedbackKind Kind, int Score, DateTimeOffset CreatedAt) : FeedbackContext
{
    /// <summary>When a re-vote last changed it, if one did.</summary>
    public DateTimeOffset? UpdatedAt { get; init; }

    /// <summary>Whether an order token verified the answer.</summary>
    public bool VerifiedPurchase { get; init; }
}
