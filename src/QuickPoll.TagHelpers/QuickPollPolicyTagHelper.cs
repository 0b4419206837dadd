using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Components;

namespace QuickPoll.TagHelpers;

/// <summary><c>&lt;quickpoll-policy&gt;</c>: how reviews are collected and checked, from the endpoint's real settings (<see cref="ReviewPolicy"/>).</summary>
[HtmlTargetElement("quickpoll-policy", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class QuickPollPolicyTagHelper : QuickPollTagHelper
{
    /// <summary>The section's heading; by default "How reviews are checked", in the visitor's language.</summary>
    [HtmlAttributeName("label")]
    public string? Label { get; set; }

    private protected override Type ComponentType => typeof(ReviewPolicy);

    private protected override void AddParameters(IDictionary<string, object?> parameters) =>
        parameters[nameof(ReviewPolicy.Label)] = Label;
}
