using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Components;

namespace QuickPoll.TagHelpers;

/// <summary>
/// <c>&lt;quickpoll-comment target="mug-001"&gt;</c>: a form for a comment or review with an optional star rating and name
/// (<see cref="CommentBox"/>). Without JavaScript it posts to the form handler, which stores it (published or held
/// for moderation) and sends the visitor back to the page with the thank-you.
/// </summary>
[HtmlTargetElement("quickpoll-comment", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class QuickPollCommentTagHelper : QuickPollTagHelper
{
    /// <summary>What the comment is about: a product SKU or any id the shop chooses.</summary>
    [HtmlAttributeName("target")]
    public string Target { get; set; } = "";

    /// <summary>The form's legend; by default "Write a review", in the visitor's language.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    /// <summary>A signed order token from the shop's backend: the comment is then marked as a verified purchase.</summary>
    [HtmlAttributeName("order-token")]
    public string? OrderToken { get; set; }

    private protected override Type ComponentType => typeof(CommentBox);

    private protected override void AddParameters(IDictionary<string, object?> parameters)
    {
        parameters[nameof(CommentBox.Target)] = Target;
        parameters[nameof(CommentBox.Label)] = Label;
        parameters[nameof(CommentBox.OrderToken)] = OrderToken;
    }
}
