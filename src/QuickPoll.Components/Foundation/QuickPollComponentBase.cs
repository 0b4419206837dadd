using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Client;

namespace QuickPoll.Components;

/// <summary>
/// What every QuickPoll component shares: its language, text direction, size, CSS class and any other attributes
/// (all put on its root element), the cascaded <see cref="QuickPollContext"/>, and its texts.
/// </summary>
/// <remarks>Only QuickPoll's own components derive from it.</remarks>
public abstract partial class QuickPollComponentBase : ComponentBase
{
    private ILogger? _logger;

    private protected QuickPollComponentBase()
    {
    }

    /// <summary>The language of the texts, numbers and dates, for example <c>"pl-PL"</c>; by default the <see cref="QuickPollContext"/>'s, then the current UI culture.</summary>
    [Parameter]
    public string? Locale { get; set; }

    /// <summary>The text direction, <c>"ltr"</c> or <c>"rtl"</c>; by default the <see cref="QuickPollContext"/>'s, then the language's.</summary>
    [Parameter]
    public string? Dir { get; set; }

    /// <summary>How large the stars, options and text are drawn.</summary>
    [Parameter]
    public QuickPollSize Size { get; set; } = QuickPollSize.Medium;

    /// <summary>More CSS classes for the root element, after the component's own.</summary>
    [Parameter]
    public string? Class { get; set; }

    /// <summary>Any other attributes (for example <c>id</c>, <c>style</c>, <c>data-*</c>), put on the root element.</summary>
    [Parameter(CaptureUnmatchedValues = true)]
    public IReadOnlyDictionary<string, object>? AdditionalAttributes { get; set; }

    [CascadingParameter]
    private protected QuickPollContext? Context { get; set; }

    [Inject]
    private protected IQuickPollApi Api { get; set; } = default!;

    [Inject]
    private protected QuickPollPageState Page { get; set; } = default!;

    [Inject]
    private ILoggerFactory LoggerFactory { get; set; } = default!;

    [Inject]
    private QuickPollTexts Texts { get; set; } = default!;

    /// <summary>The texts in the component's language; set before every render.</summary>
    private protected QuickPollText Text { get; private set; } = default!;

    private protected string? EffectiveLocale => Locale ?? Context?.EffectiveLocale;

    internal string? EffectiveDir => Dir ?? Context?.EffectiveDir ?? (Text.IsRightToLeft ? "rtl" : null);

    // Static server rendering has no events: buttons that need them would do nothing there.
    private protected bool IsStatic => !RendererInfo.IsInteractive && AssignedRenderMode is null;

    private protected ILogger Logger => _logger ??= LoggerFactory.CreateLogger(GetType());

    /// <summary>
    /// Whether the component's content is plain markup when rendered statically (no components, no forms), so that it
    /// can be handed to the renderer already written; see <see cref="StaticMarkup"/>.
    /// </summary>
    private protected virtual bool WritesStaticMarkup => false;

    /// <summary>The component's root element (a <c>div</c>) around its content.</summary>
    private protected RenderFragment Root(RenderFragment content, string rootClass, params (string Name, object? Value)[] attributes) =>
        RootOf(section: false, content, rootClass, attributes);

    /// <summary>The component's root element as a <c>section</c>, a region of the page, around its content.</summary>
    private protected RenderFragment RootSection(RenderFragment content, string rootClass, params (string Name, object? Value)[] attributes) =>
        RootOf(section: true, content, rootClass, attributes);

    /// <summary>
    /// What the static markup is made from (the summary or page of reviews the API returned, held while it is current)
    /// and everything else it depends on; the markup is written once per source and key. Null to write it every time.
    /// </summary>
    private protected virtual (object Source, object Key)? StaticMarkupSource => null;

    private RenderFragment RootOf(bool section, RenderFragment content, string rootClass, (string Name, object? Value)[] attributes)
    {
        if (!WritesStaticMarkup || !IsStatic)
        {
            return QuickPollRoot.Render(this, section, rootClass, dir: null, attributes, content);
        }

        string Write() => StaticMarkup.Write(RootElement(section, QuickPollRoot.AttributesOf(this, rootClass, dir: null, attributes, interactive: false), content));

        // The shop's extra attributes may be anything: written every time.
        return StaticMarkup.Fragment(AdditionalAttributes is null && StaticMarkupSource is var (source, key)
            ? StaticMarkup.Cached(source, (GetType(), section, rootClass, Class, Size, EffectiveDir, key), Write)
            : Write());
    }

    /// <inheritdoc />
    public override Task SetParametersAsync(ParameterView parameters)
    {
        // The texts follow the parameters just set, before the component's own lifecycle methods read them.
        parameters.SetParameterProperties(this);
        Text = Texts.For(EffectiveLocale);
        return base.SetParametersAsync(ParameterView.Empty);
    }
}
