using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Components;
using QuickPoll.Contracts;

namespace QuickPoll.TagHelpers;

/// <summary>
/// <c>&lt;quickpoll-summary target="mug-001"&gt;</c>: a target's star rating summary (<see cref="RatingSummary"/>): average,
/// count and distribution. With <c>product-name</c>, it also gives search engines schema.org <c>Product</c> JSON-LD.
/// </summary>
[HtmlTargetElement("quickpoll-summary", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class QuickPollSummaryTagHelper : QuickPollTagHelper
{
    /// <summary>What the summary is about: a product SKU or any id the shop chooses.</summary>
    [HtmlAttributeName("target")]
    public string Target { get; set; } = "";

    /// <summary>The scale summarised; only <c>stars</c> (the default) has a summary component.</summary>
    [HtmlAttributeName("kind")]
    public string? Kind { get; set; }

    /// <summary>The product's name: when set, the summary also writes schema.org <c>Product</c> JSON-LD for search engines.</summary>
    [HtmlAttributeName("product-name")]
    public string? ProductName { get; set; }

    private protected override Type ComponentType => typeof(RatingSummary);

    private protected override void AddParameters(IDictionary<string, object?> parameters)
    {
        if (QuickPollRatingTagHelper.KindOf(Kind) != FeedbackKind.Stars)
        {
            throw new InvalidOperationException($"<quickpoll-summary kind=\"{Kind}\">: the summary shows star ratings only.");
        }

        parameters[nameof(RatingSummary.Target)] = Target;
        if (ProductName is { Length: > 0 })
        {
            parameters[nameof(RatingSummary.ProductName)] = ProductName;
            parameters[nameof(RatingSummary.EmitStructuredData)] = true;
        }
    }
}
