namespace QuickPoll.Components;

/// <summary>How large a component draws its stars, options and text; each size sets <c>--qp-star-size</c> and the text scale.</summary>
public enum QuickPollSize
{
    /// <summary>Compact, for lists and tight sidebars.</summary>
    Small,

    /// <summary>The default.</summary>
    Medium,

    /// <summary>Large, for a page's main question or touch screens.</summary>
    Large,
}

/// <summary>The CSS class of each size.</summary>
internal static class QuickPollSizeClasses
{
    public static string CssClass(this QuickPollSize size) => size switch
    {
        QuickPollSize.Small => "qp-size-small",
        QuickPollSize.Large => "qp-size-large",
        _ => "qp-size-medium",
    };
}
