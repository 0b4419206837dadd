using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Extensions.Logging;

namespace QuickPoll.Server.Http;

/// <summary>
/// Refuses a QuickPoll component's plain HTML form posted to an endpoint that is not a Razor component page (a Razor Page,
/// an MVC action, rendering the component with the component tag helper): only Blazor's form handling routes such a post
/// to the component, so anywhere else it would answer <c>200</c> and store nothing. It answers <c>400</c> with a message the
/// visitor sees, and logs an error naming the page and QuickPoll's tag helpers, whose forms post to the form handler
/// instead and never reach this guard.
/// </summary>
/// <remarks>
/// A matcher policy, because only routing knows which endpoint a post is about to reach, and it can swap that endpoint
/// for the refusal before the page runs. It reads the form only for URL-encoded posts that no Razor component endpoint matched.
/// </remarks>
internal sealed partial class StaticFormGuard(ILogger<StaticFormGuard> logger) : MatcherPolicy, IEndpointSelectorPolicy
{
    /// <summary>The hidden field every QuickPoll component's form carries (its idempotency key).</summary>
    private const string KeyField = "qp-key";

    /// <summary>The field Blazor names a posted form by.</summary>
    private const string FormNameField = "_handler";

    private readonly Endpoint refusal = new(RefuseAsync, new EndpointMetadataCollection(), "QuickPoll form posted outside a Razor component page");

    // After the framework's own policies (HTTP method, host, ...), so only the endpoints that would really run are looked at.
    public override int Order => 10_000;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) => endpoints.Any(e => !IsComponentPage(e));

    public async Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        var request = httpContext.Request;
        // The components' forms are URL-encoded; a multipart upload is never read here, so it can still be streamed.
        if (!HttpMethods.IsPost(request.Method)
            || !request.ContentType.AsSpan().TrimStart().StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return;
        }

        var target = -1;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i))
            {
                continue;
            }

            if (IsComponentPage(candidates[i].Endpoint))
            {
                return;
            }

            target = target < 0 ? i : target;
        }

        if (target < 0)
        {
            return;
        }

        IFormCollection form;
        try
        {
            // Rewound afterwards, so a page that reads the raw body still finds it.
            request.EnableBuffering();
            form = await request.ReadFormAsync(httpContext.RequestAborted);
            request.Body.Position = 0;
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            // A form that cannot be read is the page's own concern, answered as it would be without QuickPoll.
            return;
        }

        if (!form.ContainsKey(KeyField))
        {
            return;
        }

        LogRefused(logger, request.Path.Value ?? "/", candidates[target].Endpoint.DisplayName ?? "(unnamed endpoint)", Truncate(form[FormNameField].ToString()));
        for (var i = 0; i < candidates.Count; i++)
        {
            if (i != target)
            {
                candidates.SetValidity(i, false);
            }
        }

        candidates.ReplaceEndpoint(target, refusal, values: null);
    }

    // The form's name is the visitor's to choose: a short piece is enough to find the component.
    private static string Truncate(string value) => value.Length <= 128 ? value : value[..128] + "…";

    // A Razor component page handles its components' forms; the form handler takes those rendered by the tag helpers.
    private static bool IsComponentPage(Endpoint endpoint) =>
        endpoint.Metadata.GetMetadata<ComponentTypeMetadata>() is not null || endpoint.Metadata.Contains(FormHandler.Marker);

    private static Task RefuseAsync(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status400BadRequest;
        context.Response.Headers.CacheControl = "no-store";
        if (context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase))
        {
            context.Response.ContentType = "text/html; charset=utf-8";
            return context.Response.WriteAsync(RefusalPage);
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status400BadRequest,
            title: "This page cannot take QuickPoll's forms.",
            detail: Detail,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1").ExecuteAsync(context);
    }

    private const string Detail =
        "The answer was not sent and nothing was stored: on a Razor Page or MVC view, QuickPoll's forms need QuickPoll's tag helpers (<quickpoll-rating>, ...), which post to its form handler. The shop's log says what to change.";

    private const string RefusalPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not sent</title></head>
        <body>
        <h1>Your answer was not sent</h1>
        <p>This page cannot take QuickPoll's forms, so nothing was stored. Please go back and try again later, or tell the shop.</p>
        </body>
        </html>
        """;

    [LoggerMessage(Level = LogLevel.Error, Message = "QuickPoll: the form {FormName} was posted to {Path} ({Endpoint}), which is not a Razor component page, so nothing could handle it; "
        + "answered 400 and stored nothing. On a Razor Page or MVC view, use QuickPoll's tag helpers instead of the component tag helper "
        + "(<quickpoll-rating target=\"...\">, with builder.Services.AddQuickPollTagHelpers() and @addTagHelper *, QuickPoll.TagHelpers): their forms post to "
        + "QuickPoll's form handler. Blazor apps: render the components on a Razor component page (MapRazorComponents<App>()).")]
    private static partial void LogRefused(ILogger logger, string path, string endpoint, string formName);
}
