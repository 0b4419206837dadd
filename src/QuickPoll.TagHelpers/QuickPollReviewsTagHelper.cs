using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Components;

namespace QuickPoll.TagHelpers;

/// <summary><c>&lt;quickpoll-reviews target="mug-001"&gt;</c>: a target's published reviews, newest first (<see cref="ReviewList"/>).</summary>
[HtmlTargetElement("quickpoll-reviews", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class QuickPollReviewsTagHelper : QuickPollTagHelper
{
    /// <summary>Whose reviews: a product SKU or any id the shop chooses.</summary>
    [HtmlAttributeName("target")]
    public string Target { get; set; } = "";

    /// <summary>How many reviews a page shows; 5 unless set.</summary>
    [HtmlAttributeName("page-size")]
    public int? PageSize { get; set; }

    private protected override Type ComponentType => typeof(ReviewList);

    private protected override void AddParameters(IDictionary<string, object?> parameters)
    {
        parameters[nameof(ReviewList.Target)] = Target;
        if (PageSize is { } size)
        {
            parameters[nameof(ReviewList.PageSize)] = size;
        }
    }
}
