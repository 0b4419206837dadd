namespace QuickPoll.Contracts;

/// <summary>
/// Where and from whom feedback came: what every answer, vote and comment may carry, so that results can be
/// compared between groups (segments, journey stages, touchpoints, languages) rather than read one by one.
/// </summary>
public abstract record FeedbackContext
{
    /// <summary>
    /// An anonymous, random id of the visitor (see <see cref="VisitorIds"/>). A second answer or vote by the same
    /// visitor to the same target and kind replaces the first. Without it, every answer counts on its own.
    /// </summary>
    public string? VisitorId { get; init; }

    /// <summary>The visitor's customer type or persona, for example <c>"returning"</c> or <c>"b2b"</c>.</summary>
    public string? Segment { get; init; }

    /// <summary>Where in the customer journey the feedback was given.</summary>
    public JourneyStage? JourneyStage { get; init; }

    /// <summary>Where on the site the feedback was given, for example <c>"product-page"</c> or <c>"checkout"</c>.</summary>
    public string? Touchpoint { get; init; }

    /// <summary>The page's language, as a BCP 47 tag such as <c>"pl-PL"</c>.</summary>
    public string? Locale { get; init; }

    /// <summary>The path of the page the feedback was given on, starting with <c>/</c>.</summary>
    public string? PagePath { get; init; }
}
