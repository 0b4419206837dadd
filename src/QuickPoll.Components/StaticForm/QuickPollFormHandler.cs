namespace QuickPoll.Components;

/// <summary>
/// Where a component's plain form posts when the page cannot handle it (a Razor Page or MVC view rendering it through
/// QuickPoll's tag helpers): the endpoint's form handler, with hidden fields saying what the form is about and where to
/// come back to. Cascaded by the tag helpers' host only, so a Blazor page's forms post back to the page as before.
/// </summary>
/// <param name="Action">The form handler's path, for the form's <c>action</c>.</param>
/// <param name="ReturnPath">The page's own path and query, where the handler sends the visitor back with the outcome.</param>
internal sealed record QuickPollFormHandler(string Action, string ReturnPath)
{
    /// <summary>The handler's path under the app's path base.</summary>
    public const string Path = "/quickpoll/form";

    /// <summary>The hidden field naming the form, as its outcome names it (<see cref="StaticFormOutcome.FormQuery"/>).</summary>
    public const string FormField = StaticFormOutcome.FormQuery;

    /// <summary>The hidden field with the page's local path and query, where the visitor comes back to.</summary>
    public const string ReturnField = "qp-return";

    /// <summary>The hidden field with what the form sends: a rating's kind (<c>stars</c>, ...), <c>comment</c> or <c>poll</c>.</summary>
    public const string KindField = "qp-kind";

    /// <summary>The hidden field with the rating's or comment's target.</summary>
    public const string TargetField = "qp-target";

    /// <summary>The hidden field with the poll's id.</summary>
    public const string PollField = "qp-poll";

    /// <summary>The hidden field with the language of the component's texts, sent with the answer.</summary>
    public const string LanguageField = "qp-lang";

    /// <summary>The hidden field with a signed order token from the shop's backend.</summary>
    public const string OrderTokenField = "qp-order-token";

    /// <summary>The hidden fields with the <see cref="QuickPollContext"/>'s segment, journey stage and touchpoint.</summary>
    public const string SegmentField = "qp-segment";

    /// <inheritdoc cref="SegmentField" />
    public const string JourneyStageField = "qp-journey-stage";

    /// <inheritdoc cref="SegmentField" />
    public const string TouchpointField = "qp-touchpoint";
}
