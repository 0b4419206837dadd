using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace QuickPoll.Server.Http;

/// <summary>Endpoint filters made once when the endpoints are mapped.</summary>
internal static class SharedFilters
{
    /// <summary>
    /// Adds one instance of <typeparamref name="T"/>, made from the app's services now, to every endpoint of the group.
    /// <c>AddEndpointFilter&lt;T&gt;()</c> makes a new one on every request; QuickPoll's filters keep no request state and
    /// depend only on singletons, so one serves all.
    /// </summary>
    public static RouteGroupBuilder AddSharedFilter<T>(this RouteGroupBuilder group, IEndpointRouteBuilder endpoints)
        where T : IEndpointFilter =>
        group.AddEndpointFilter(ActivatorUtilities.CreateInstance<T>(endpoints.ServiceProvider));
}
