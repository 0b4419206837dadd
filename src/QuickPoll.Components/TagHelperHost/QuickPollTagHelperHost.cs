using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// What QuickPoll's tag helpers render for each element: the component itself, inside the page's
/// <see cref="QuickPollContext"/> when the element has one around it, and with the form handler cascaded so that its plain
/// form posts there (a Razor Page or MVC view cannot handle a component's form).
/// </summary>
internal sealed class QuickPollTagHelperHost : ComponentBase
{
    /// <summary>The component to render.</summary>
    [Parameter, EditorRequired]
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.All)]
    public Type ComponentType { get; set; } = default!;

    /// <summary>The component's parameters.</summary>
    [Parameter]
    public IDictionary<string, object?>? Parameters { get; set; }

    /// <summary>Where the component's form posts, and where the visitor comes back to.</summary>
    [Parameter, EditorRequired]
    public QuickPollFormHandler Handler { get; set; } = default!;

    /// <summary>The enclosing context's segment.</summary>
    [Parameter]
    public string? Segment { get; set; }

    /// <summary>The enclosing context's journey stage.</summary>
    [Parameter]
    public JourneyStage? JourneyStage { get; set; }

    /// <summary>The enclosing context's touchpoint.</summary>
    [Parameter]
    public string? Touchpoint { get; set; }

    /// <inheritdoc />
    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        builder.OpenComponent<CascadingValue<QuickPollFormHandler>>(0);
        builder.AddComponentParameter(1, nameof(CascadingValue<QuickPollFormHandler>.Value), Handler);
        builder.AddComponentParameter(2, nameof(CascadingValue<QuickPollFormHandler>.IsFixed), true);
        builder.AddComponentParameter(3, nameof(CascadingValue<QuickPollFormHandler>.ChildContent), (RenderFragment)(Segment is null && JourneyStage is null && Touchpoint is null
            ? RenderComponent
            : context =>
            {
                context.OpenComponent<QuickPollContext>(0);
                context.AddComponentParameter(1, nameof(QuickPollContext.Segment), Segment);
                context.AddComponentParameter(2, nameof(QuickPollContext.JourneyStage), JourneyStage);
                context.AddComponentParameter(3, nameof(QuickPollContext.Touchpoint), Touchpoint);
                context.AddComponentParameter(4, nameof(QuickPollContext.ChildContent), (RenderFragment)RenderComponent);
                context.CloseComponent();
            }));
        builder.CloseComponent();
    }

    private void RenderComponent(RenderTreeBuilder builder)
    {
        builder.OpenComponent(0, ComponentType);
        foreach (var (name, value) in Parameters ?? new Dictionary<string, object?>())
        {
            builder.AddComponentParameter(1, name, value);
        }

        builder.CloseComponent();
    }
}
