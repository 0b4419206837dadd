using Microsoft.AspNetCore.Components;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Sets the site-level context once for every QuickPoll component inside it: each answer, vote and comment they
/// send carries the segment, journey stage, touchpoint, visitor id and locale given here, and their texts follow
/// the locale and text direction. A context inside another inherits every value it does not set itself.
/// </summary>
/// <example>
/// <code>
/// &lt;QuickPollContext Segment="returning" JourneyStage="JourneyStage.Discovery" Touchpoint="product-page" Locale="pl-PL"&gt;
///     &lt;StarRating Target="@product.Sku" /&gt;
/// &lt;/QuickPollContext&gt;
/// </code>
/// </example>
public sealed partial class QuickPollContext
{
    /// <summary>The components that receive this context.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>The visitor's customer type or persona, for example <c>"returning"</c> or <c>"b2b"</c>.</summary>
    [Parameter]
    public string? Segment { get; set; }

    /// <summary>Where in the customer journey the page is.</summary>
    [Parameter]
    public JourneyStage? JourneyStage { get; set; }

    /// <summary>Where on the site the components are, for example <c>"product-page"</c>.</summary>
    [Parameter]
    public string? Touchpoint { get; set; }

    /// <summary>
    /// An anonymous id of the visitor (8-64 letters, digits, <c>-</c>, <c>_</c>), so a second answer replaces the
    /// first. Never a customer id itself: a random id in a first-party cookie, or a hash.
    /// </summary>
    [Parameter]
    public string? VisitorId { get; set; }

    /// <summary>The page's language as a BCP 47 tag such as <c>"pl-PL"</c>: picks the components' texts and is sent with every answer.</summary>
    [Parameter]
    public string? Locale { get; set; }

    /// <summary>The text direction, <c>"ltr"</c> or <c>"rtl"</c>; by default the locale's direction.</summary>
    [Parameter]
    public string? Dir { get; set; }

    [CascadingParameter]
    private QuickPollContext? Outer { get; set; }

    /// <summary>The segment here or inherited.</summary>
    internal string? EffectiveSegment => Segment ?? Outer?.EffectiveSegment;

    /// <summary>The journey stage here or inherited.</summary>
    internal JourneyStage? EffectiveJourneyStage => JourneyStage ?? Outer?.EffectiveJourneyStage;

    /// <summary>The touchpoint here or inherited.</summary>
    internal string? EffectiveTouchpoint => Touchpoint ?? Outer?.EffectiveTouchpoint;

    /// <summary>The visitor id here or inherited.</summary>
    internal string? EffectiveVisitorId => VisitorId ?? Outer?.EffectiveVisitorId;

    /// <summary>The locale here or inherited.</summary>
    internal string? EffectiveLocale => Locale ?? Outer?.EffectiveLocale;

    /// <summary>The text direction here or inherited.</summary>
    internal string? EffectiveDir => Dir ?? Outer?.EffectiveDir;
}
