using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Contracts;

namespace QuickPoll.TagHelpers;

/// <summary>
/// <c>&lt;quickpoll-context segment="returning" journey-stage="purchase" touchpoint="product-page"&gt;</c>: every QuickPoll
/// element inside it sends its answers, votes and comments with this segment, journey stage and touchpoint (as
/// <see cref="Components.QuickPollContext"/> does). A context inside another inherits every value it does not set.
/// The element itself renders only its content.
/// </summary>
[HtmlTargetElement("quickpoll-context")]
public sealed class QuickPollContextTagHelper : TagHelper
{
    /// <summary>The visitor's customer type or persona, for example <c>returning</c> or <c>b2b</c>.</summary>
    [HtmlAttributeName("segment")]
    public string? Segment { get; set; }

    /// <summary>Where in the customer journey the page is: <c>discovery</c>, <c>purchase</c>, <c>use</c> or <c>after-purchase</c>.</summary>
    [HtmlAttributeName("journey-stage")]
    public string? JourneyStage { get; set; }

    /// <summary>Where on the site the elements are, for example <c>product-page</c>.</summary>
    [HtmlAttributeName("touchpoint")]
    public string? Touchpoint { get; set; }

    /// <inheritdoc />
    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        // A value the API would refuse is the page author's mistake: shown at once, not with every answer refused.
        foreach (var (dimension, value) in new[] { (ContextDimension.Segment, Segment), (ContextDimension.Touchpoint, Touchpoint) })
        {
            if (dimension.Validate(value) is { } error)
            {
                throw new InvalidOperationException($"<quickpoll-context {dimension.Name}=\"{value}\">: {error}");
            }
        }

        var outer = QuickPollContextValues.Of(context);
        QuickPollContextValues.Set(context, new QuickPollContextValues(
            Segment ?? outer?.Segment,
            JourneyStage is { Length: > 0 } stage ? StageOf(stage) : outer?.JourneyStage,
            Touchpoint ?? outer?.Touchpoint));
    }

    /// <inheritdoc />
    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        output.TagName = null;
    }

    // As the API spells the stages; a misspelt one is the page author's mistake, shown at once rather than dropped.
    private static JourneyStage StageOf(string name) =>
        ContextDimension.JourneyStage.With(new PollVoteRequest([]), name).JourneyStage
        ?? throw new InvalidOperationException(
            $"<quickpoll-context journey-stage=\"{name}\">: the journey stage must be one of {string.Join(", ", ContextDimension.JourneyStage.Values)}.");
}
