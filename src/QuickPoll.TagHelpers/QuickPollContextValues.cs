using Microsoft.AspNetCore.Razor.TagHelpers;
using QuickPoll.Contracts;

namespace QuickPoll.TagHelpers;

/// <summary>What a <c>&lt;quickpoll-context&gt;</c> passes to the QuickPoll tag helpers inside it, through <see cref="TagHelperContext.Items"/>.</summary>
internal sealed record QuickPollContextValues(string? Segment, JourneyStage? JourneyStage, string? Touchpoint)
{
    private static readonly object s_key = typeof(QuickPollContextValues);

    /// <summary>The values of the nearest enclosing context, or null outside one.</summary>
    public static QuickPollContextValues? Of(TagHelperContext context) =>
        context.Items.TryGetValue(s_key, out var values) ? values as QuickPollContextValues : null;

    /// <summary>Passes <paramref name="values"/> to the elements inside the context's element.</summary>
    public static void Set(TagHelperContext context, QuickPollContextValues values) => context.Items[s_key] = values;
}
