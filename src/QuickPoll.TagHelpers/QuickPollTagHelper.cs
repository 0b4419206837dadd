using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Primitives;
using QuickPoll.Components;

namespace QuickPoll.TagHelpers;

/// <summary>
/// What every QuickPoll tag helper shares: it renders its QuickPoll.Components component statically on the server, in
/// place of its own element (same markup, texts, accessibility and scoped styles as in a Blazor app), inside the
/// enclosing <c>&lt;quickpoll-context&gt;</c>, and points the component's form at QuickPoll.Server's form handler.
/// Attributes it does not know (<c>id</c>, <c>class</c>, <c>style</c>, <c>data-*</c>) go on the component's root element.
/// </summary>
/// <remarks>Only QuickPoll's own tag helpers derive from it.</remarks>
public abstract class QuickPollTagHelper : TagHelper
{
    private QuickPollContextValues? _context;

    private protected QuickPollTagHelper()
    {
    }

    /// <summary>The view the element is in; set by MVC.</summary>
    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = default!;

    /// <summary>The component to render.</summary>
    private protected abstract Type ComponentType { get; }

    /// <summary>Adds the component's parameters from the element's attributes.</summary>
    private protected abstract void AddParameters(IDictionary<string, object?> parameters);

    /// <inheritdoc />
    public override void Init(TagHelperContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        _context = QuickPollContextValues.Of(context);
    }

    /// <inheritdoc />
    public override async Task ProcessAsync(TagHelperContext context, TagHelperOutput output)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(output);

        var parameters = new Dictionary<string, object?>(StringComparer.Ordinal);
        AddParameters(parameters);
        if (output.Attributes.Count > 0)
        {
            // Written by the page's author: anything else on the element goes on the component's root.
            var extra = new Dictionary<string, object>(StringComparer.OrdinalIgnoreCase);
            foreach (var attribute in output.Attributes)
            {
                var value = attribute.Value?.ToString() ?? "";
                // The component puts its own classes first and the shop's after them, and knows its text direction.
                if (attribute.Name.Equals("class", StringComparison.OrdinalIgnoreCase))
                {
                    parameters[nameof(QuickPollComponentBase.Class)] = value;
                }
                else if (attribute.Name.Equals("dir", StringComparison.OrdinalIgnoreCase))
                {
                    parameters[nameof(QuickPollComponentBase.Dir)] = value;
                }
                else
                {
                    extra[attribute.Name] = attribute.ValueStyle == HtmlAttributeValueStyle.Minimized ? true : value;
                }
            }

            parameters[nameof(QuickPollComponentBase.AdditionalAttributes)] = extra;
        }

        var http = ViewContext.HttpContext;
        var host = new Dictionary<string, object?>(StringComparer.Ordinal)
        {
            [nameof(QuickPollTagHelperHost.ComponentType)] = ComponentType,
            [nameof(QuickPollTagHelperHost.Parameters)] = parameters,
            [nameof(QuickPollTagHelperHost.Handler)] = new QuickPollFormHandler(http.Request.PathBase + QuickPollFormHandler.Path, ReturnPath(http.Request)),
            [nameof(QuickPollTagHelperHost.Segment)] = _context?.Segment,
            [nameof(QuickPollTagHelperHost.JourneyStage)] = _context?.JourneyStage,
            [nameof(QuickPollTagHelperHost.Touchpoint)] = _context?.Touchpoint,
        };
        // No render mode: static, as the component tag helper renders with render-mode="Static".
        var prerenderer = http.RequestServices.GetRequiredService<IComponentPrerenderer>();
        var html = await prerenderer.PrerenderComponentAsync(http, typeof(QuickPollTagHelperHost), renderMode: null!, ParameterView.FromDictionary(host));

        // The element itself is not rendered: with QuickPoll's script on the page, it would become that script's widget.
        output.TagName = null;
        output.Attributes.Clear();
        output.Content.SetHtmlContent(html);
    }

    // The page as the visitor asked for it, less an earlier outcome, which the handler's answer replaces.
    private static string ReturnPath(HttpRequest request)
    {
        // Escaped, as the browser asked for it: the handler takes a plain ASCII local path only.
        var path = request.PathBase.ToUriComponent() + request.Path.ToUriComponent() is { Length: > 0 } value ? value : "/";
        if (!request.QueryString.HasValue)
        {
            return path;
        }

        var kept = QueryHelpers.ParseQuery(request.QueryString.Value)
            .Where(p => p.Key is not (QuickPollFormHandler.FormField or "qp-outcome"))
            .SelectMany(p => p.Value, (p, v) => new KeyValuePair<string, StringValues>(p.Key, v));
        return QueryHelpers.AddQueryString(path, kept);
    }
}
