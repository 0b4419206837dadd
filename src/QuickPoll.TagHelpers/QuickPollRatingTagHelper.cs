using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Components;
using QuickPoll.Contracts;

namespace QuickPoll.TagHelpers;

/// <summary>
/// <c>&lt;quickpoll-rating target="mug-001" kind="stars"&gt;</c>: a one-question rating, rendered as the component of its
/// kind (<see cref="StarRating"/>, <see cref="ThumbsRating"/>, <see cref="NpsRating"/>, <see cref="CsatRating"/> or
/// <see cref="CesRating"/>). Without JavaScript its form posts to the form handler, which stores the answer and sends
/// the visitor back to the page with the thank-you.
/// </summary>
[HtmlTargetElement("quickpoll-rating", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class QuickPollRatingTagHelper : QuickPollTagHelper
{
    /// <summary>What is rated: a product SKU, a page, a checkout step; at most 128 characters.</summary>
    [HtmlAttributeName("target")]
    public string Target { get; set; } = "";

    /// <summary>The scale as the API spells it: <c>stars</c> (the default), <c>thumbs</c>, <c>nps</c>, <c>csat</c> or <c>ces</c>.</summary>
    [HtmlAttributeName("kind")]
    public string? Kind { get; set; }

    /// <summary>The question shown as the group's legend; by default one that fits the scale, in the visitor's language.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>A signed order token from the shop's backend: the answer is then marked as a verified purchase.</summary>
    [HtmlAttributeName("order-token")]
    public string? OrderToken { get; set; }

    private protected override Type ComponentType => KindOf(Kind) switch
    {
        FeedbackKind.Thumbs => typeof(ThumbsRating),
        FeedbackKind.Nps => typeof(NpsRating),
        FeedbackKind.Csat => typeof(CsatRating),
        FeedbackKind.Ces => typeof(CesRating),
        _ => typeof(StarRating),
    };

    private protected override void AddParameters(IDictionary<string, object?> parameters)
    {
        parameters[nameof(RatingScale.Target)] = Target;
        parameters[nameof(RatingScale.Label)] = Label;
        parameters[nameof(RatingScale.OrderToken)] = OrderToken;
    }

    // A page's author wrote it: a wrong kind is a mistake to show at once, not a rating stored on another scale.
    internal static FeedbackKind KindOf(string? kind) =>
        string.IsNullOrEmpty(kind) ? FeedbackKind.Stars
        : FeedbackKindNames.TryParse(kind, out var parsed) ? parsed
        : throw new InvalidOperationException($"<quickpoll-rating kind=\"{kind}\">: the kind must be one of {string.Join(", ", FeedbackKindNames.All)}.");
}
