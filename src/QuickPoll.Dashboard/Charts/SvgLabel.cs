using Microsoft.AspNetCore.Components;

namespace QuickPoll.Dashboard.Charts;

/// <summary>
/// SVG <c>&lt;text&gt;</c> elements. Inside a Razor code block <c>&lt;text&gt;</c> means "plain text" to Razor, so
/// charts that label in a loop write them with this.
/// </summary>
internal static class SvgLabel
{
    public static RenderFragment Of(double x, double y, string text, string? anchor = null) => builder =>
    {
        builder.OpenElement(0, "text");
        builder.AddAttribute(1, "class", "qpd-chart-text");
        builder.AddAttribute(2, "x", ChartMath.N(x));
        builder.AddAttribute(3, "y", ChartMath.N(y));
        builder.AddAttribute(4, "text-anchor", anchor);
        builder.AddContent(5, text);
        builder.CloseElement();
    };
}
