using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;

namespace QuickPoll.Components;

/// <summary>
/// Renders a component's root element with its own class and attributes, then the shop's (<c>Class</c>, <c>Dir</c>,
/// <c>Size</c> and any other attributes of <see cref="QuickPollComponentBase"/>). The element is written in
/// <c>QuickPollComponentBase.razor</c>, whose scoped stylesheet defines every <c>--qp-*</c> design token with its light
/// and dark default on it; custom properties inherit, so the shop adds no stylesheet.
/// </summary>
internal sealed class QuickPollRoot : ComponentBase
{
    private Dictionary<string, object> _attributes = [];

    /// <summary>The component whose root this is; null for a <see cref="RatingInput"/> in a shop's own form.</summary>
    [Parameter]
    public QuickPollComponentBase? Owner { get; set; }

    /// <summary>A <c>section</c> (a named region of the page) rather than a <c>div</c>.</summary>
    [Parameter]
    public bool Section { get; set; }

    /// <summary>The CSS class that names the component.</summary>
    [Parameter]
    public string RootClass { get; set; } = "";

    /// <summary>The text direction, when there is no owner to take it from.</summary>
    [Parameter]
    public string? Dir { get; set; }

    /// <summary>The component's own attributes: state markers and accessible name; null values are left out.</summary>
    [Parameter]
    public IReadOnlyList<(string Name, object? Value)> Attributes { get; set; } = [];

    /// <summary>The component's content.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    /// <summary>A root around <paramref name="content"/>.</summary>
    public static RenderFragment Render(
        QuickPollComponentBase? owner, bool section, string rootClass, string? dir,
        IReadOnlyList<(string Name, object? Value)> attributes, RenderFragment content) => builder =>
    {
        builder.OpenComponent<QuickPollRoot>(0);
        builder.AddComponentParameter(1, nameof(Owner), owner);
        builder.AddComponentParameter(2, nameof(Section), section);
        builder.AddComponentParameter(3, nameof(RootClass), rootClass);
        builder.AddComponentParameter(4, nameof(Dir), dir);
        builder.AddComponentParameter(5, nameof(Attributes), attributes);
        builder.AddComponentParameter(6, nameof(ChildContent), content);
        builder.CloseComponent();
    };

    /// <inheritdoc />
    protected override void OnParametersSet() =>
        _attributes = AttributesOf(Owner, RootClass, Dir, Attributes, RendererInfo.IsInteractive);

    /// <summary>The root element's attributes: the shop's, then the component's own, its classes, direction and whether events work.</summary>
    internal static Dictionary<string, object> AttributesOf(
        QuickPollComponentBase? owner, string rootClass, string? dir, IReadOnlyList<(string Name, object? Value)> own, bool interactive)
    {
        var attributes = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
        if (owner?.AdditionalAttributes is { } extra)
        {
            foreach (var (name, value) in extra)
            {
                attributes[name] = value;
            }
        }

        // The component's own markers win over extra attributes of the same name.
        foreach (var (name, value) in own)
        {
            if (value is null)
            {
                attributes.Remove(name);
            }
            else
            {
                attributes[name] = value;
            }
        }

        attributes["class"] = ClassOf(rootClass, owner?.Size.CssClass(), owner?.Class);
        if ((owner is null ? dir : owner.EffectiveDir) is { } effectiveDir)
        {
            attributes["dir"] = effectiveDir;
        }

        attributes["data-interactive"] = interactive ? "yes" : "no";
        return attributes;
    }

    // "qp-root" and the non-blank classes after it, one space apart.
    private static string ClassOf(string rootClass, string? size, string? shop)
    {
        var text = "qp-root";
        foreach (var part in (ReadOnlySpan<string?>)[rootClass, size, shop])
        {
            if (!string.IsNullOrWhiteSpace(part))
            {
                text = text + " " + part;
            }
        }

        return text;
    }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        // Cascaded so that a RatingInput inside knows it needs no root of its own.
        builder.OpenComponent<CascadingValue<QuickPollRoot>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<QuickPollRoot>.Value), this);
        builder.AddComponentParameter(2, nameof(CascadingValue<QuickPollRoot>.IsFixed), true);
        builder.AddComponentParameter(3, nameof(CascadingValue<QuickPollRoot>.ChildContent), QuickPollComponentBase.RootElement(Section, _attributes, ChildContent));
        builder.CloseComponent();
    }
}
