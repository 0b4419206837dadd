using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Sites;

namespace QuickPoll.Server.Http;

/// <summary>
/// The public API's door: answers CORS for the sites' allowed origins (with ASP.NET Core's <see cref="ICorsService"/>),
/// then checks the site's public key (<c>X-QuickPoll-Site</c>) and, on writes, that the page's <c>Origin</c> is one the site allows.
/// </summary>
/// <remarks>
/// A filter and a preflight endpoint of the group rather than CORS endpoint metadata, which would make every request fail
/// in a host that has not called <c>UseCors()</c>; as with the rate limits, <c>MapQuickPoll()</c> needs no middleware.
/// </remarks>
internal sealed class SiteAccess(SiteRegistry registry, ICorsService cors, IOptions<QuickPollServerOptions> options) : IEndpointFilter
{
    public const string HeaderName = "X-QuickPoll-Site";

    private static readonly object s_siteItem = new();

    private readonly CorsPolicy _policy = new CorsPolicyBuilder()
        .SetIsOriginAllowed(origin => AccessLimits.NormalizeOrigin(origin) is { } normalized && registry.AllowsAnywhere(normalized))
        .WithMethods(HttpMethods.Get, HttpMethods.Post)
        .WithHeaders("Content-Type", IdempotencyKey.HeaderName, HeaderName)
        .WithExposedHeaders("Retry-After")
        .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
        .Build();

    /// <summary>The site whose public key the request carried, once this filter let it in.</summary>
    public static RegisteredSite? SiteOf(HttpContext http) => http.Items.TryGetValue(s_siteItem, out var site) ? site as RegisteredSite : null;

    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        ApplyCors(http);
        if (HttpMethods.IsOptions(http.Request.Method))
        {
            // A preflight: the CORS headers above are the whole answer; it carries no key and is not counted against any limit.
            return Answer(TypedResults.NoContent());
        }

        var key = http.Request.Headers[HeaderName].ToString();
        if (key.Length == 0)
        {
            return options.Value.RequireSiteKey ? Answer(Problems.UnknownSite("This API needs the site's public key in the X-QuickPoll-Site header.")) : next(context);
        }

        if (registry.Find(key) is not { } site)
        {
            return Answer(Problems.UnknownSite("The X-QuickPoll-Site header holds no site's public key."));
        }

        var origin = http.Request.Headers.Origin.ToString();
        if (!HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method) && origin.Length > 0
            && (AccessLimits.NormalizeOrigin(origin) is not { } normalized || !SiteRegistry.Allows(site, normalized)))
        {
            return Answer(Problems.OriginNotAllowed(origin));
        }

        http.Items[s_siteItem] = site;
        return next(context);
    }

    private static ValueTask<object?> Answer(object result) => ValueTask.FromResult<object?>(result);

    private void ApplyCors(HttpContext http)
    {
        if (http.Request.Headers.Origin.Count > 0)
        {
            cors.ApplyResult(cors.EvaluatePolicy(http, _policy), http.Response);
        }
    }
}
