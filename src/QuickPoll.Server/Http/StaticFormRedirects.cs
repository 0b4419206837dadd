using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace QuickPoll.Server.Http;

/// <summary>
/// Makes the redirect that answers a QuickPoll component's plain HTML form a <c>303 See Other</c>: Blazor redirects a
/// static render with a <c>302</c>, and the components, which also run in WebAssembly, cannot reach the response.
/// </summary>
/// <remarks>Only form posts are looked at, so the JSON API's hot paths pay nothing.</remarks>
internal sealed class StaticFormRedirects : IStartupFilter
{
    /// <summary>The query parameter the components' redirects carry (their outcome).</summary>
    private const string OutcomeQuery = "qp-outcome=";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(static (context, nextMiddleware) =>
        {
            if (HttpMethods.IsPost(context.Request.Method) && context.Request.HasFormContentType)
            {
                context.Response.OnStarting(static state =>
                {
                    var response = (HttpResponse)state;
                    if (response.StatusCode == StatusCodes.Status302Found
                        && response.Headers.Location.ToString().Contains(OutcomeQuery, StringComparison.Ordinal))
                    {
                        response.StatusCode = StatusCodes.Status303SeeOther;
                    }

                    return Task.CompletedTask;
                }, context.Response);
            }

            return nextMiddleware(context);
        });
        next(app);
    };
}
