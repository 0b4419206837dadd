using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Template;

namespace QuickPoll.Server.Http;

/// <summary>
/// The API prefix's last resort: a path no endpoint under the prefix has gets <c>404</c>, a path that exists with other
/// methods <c>405</c> with <c>Allow</c>, both as problems, so nothing under the prefix falls through to the host's own pages.
/// </summary>
/// <remarks>
/// A catch-all route loses to every other route under the prefix (literal and parameter segments take precedence), and
/// routing prefers endpoints that name their methods, so the CORS preflight endpoint still answers <c>OPTIONS</c>.
/// Because it accepts every method, routing's own 405 never happens; the methods are found here instead.
/// </remarks>
internal static class UnknownApiPath
{
    /// <summary>Marks the catch-all endpoints of the prefix (this one, the preflight), which say nothing about a path.</summary>
    public static readonly CatchAll Marker = new();

    public static IResult Answer(HttpContext http, EndpointDataSource endpoints)
    {
        var prefix = PrefixOf(http.GetEndpoint());
        var allowed = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var endpoint in endpoints.Endpoints.OfType<RouteEndpoint>())
        {
            if (endpoint.Metadata.GetMetadata<CatchAll>() is not null
                || endpoint.Metadata.GetMetadata<IHttpMethodMetadata>() is not { HttpMethods.Count: > 0 } methods
                || endpoint.RoutePattern.RawText is not { } pattern
                || !("/" + pattern.TrimStart('/')).StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var defaults = new RouteValueDictionary(endpoint.RoutePattern.Defaults);
            if (new TemplateMatcher(new RouteTemplate(endpoint.RoutePattern), defaults).TryMatch(http.Request.Path, new RouteValueDictionary()))
            {
                allowed.UnionWith(methods.HttpMethods);
            }
        }

        if (allowed.Count == 0)
        {
            return Problems.UnknownPath();
        }

        var allow = string.Join(", ", allowed);
        http.Response.Headers.Allow = allow;
        return Problems.MethodNotAllowed(http.Request.Method, allow);
    }

    /// <summary>The prefix this catch-all was mapped under, with a trailing slash: <c>/api/v1/</c>.</summary>
    private static string PrefixOf(Endpoint? endpoint)
    {
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? "/";
        var catchAll = pattern.IndexOf("{**", StringComparison.Ordinal);
        return "/" + (catchAll < 0 ? pattern : pattern[..catchAll]).Trim('/') + "/";
    }

    /// <summary>The marker's type.</summary>
    internal sealed class CatchAll;
}
