namespace QuickPoll.Contracts;

/// <summary>A visitor's answer on one feedback scale.</summary>
/// <param name="Target">What is rated: a product SKU or any id the shop chooses.</param>
/// <param name="Score">The score on the kind's scale (see <see cref="FeedbackLimits.ScaleOf"/>).</param>
public sealed record SubmitAnswerRequest(string Target, int Score)
{
    /// <summary>The feedback scale; stars unless set.</summary>
    public FeedbackKind Kind { get; init; } = FeedbackKind.Stars;

    /// <summary>
    /// An anonymous, random id of the visitor. A second answer by the same visitor to the same target and kind
    /// replaces the first instead of counting twice. Without it, every answer counts on its own.
    /// </summary>
    public string? VisitorId { get; init; }

    /// <summary>A signed order token from the shop's backend (see <see cref="OrderTokens"/>): the answer is then marked as a verified purchase.</summary>
    public string? OrderToken { get; init; }

    /// <summary>The visitor's customer type or persona, for example <c>"returning"</c> or <c>"b2b"</c>.</summary>
    public string? Segment { get; init; }

    /// <summary>Where in the customer journey the answer was given.</summary>
    public JourneyStage? JourneyStage { get; init; }

    /// <summary>Where on the site the answer was given, for example <c>"product-page"</c> or <c>"checkout"</c>.</summary>
    public string? Touchpoint { get; init; }

    /// <summary>The page's language, as a BCP 47 tag such as <c>"pl-PL"</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>The path of the page the answer was given on, starting with <c>/</c>.</summary>
    public string? PagePath { get; init; }
}
