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

    /// <summary>The component's root element (a <c>div</c>) around its content.</summary>
    private protected RenderFragment Root(RenderFragment content, string rootClass, params (string Name, object? Value)[] attributes) =>
        QuickPollRoot.Render(this, section: false, rootClass, dir: null, attributes, content);

    /// <summary>The component's root element as a <c>section</c>, a region of the page, around its content.</summary>
    private protected RenderFragment RootSection(RenderFragment content, string rootClass, params (string Name, object? Value)[] attributes) =>
        QuickPollRoot.Render(this, section: true, rootClass, dir: null, attributes, content);

    /// <inheritdoc />
    public override Task SetParametersAsync(ParameterView parameters)
    {
        // The texts follow the parameters just set, before the component's own lifecycle methods read them.
        parameters.SetParameterProperties(this);
        Text = Texts.For(EffectiveLocale);
        return base.SetParametersAsync(ParameterView.Empty);
    }
}
