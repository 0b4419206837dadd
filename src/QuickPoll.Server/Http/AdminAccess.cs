using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace QuickPoll.Server.Http;

/// <summary>
/// Lets a request into the admin API when it carries the admin key, or when the host app put its own
/// authorization policy on the admin group (ASP.NET Core has then already checked the user).
/// </summary>
internal sealed class AdminAccess : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var hostAuthorizes = http.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null;
        if (hostAuthorizes || HasAdminKey(http))
        {
            return await next(context);
        }

        return Problems.Unauthorized();
    }

    private static bool HasAdminKey(HttpContext http)
    {
        var header = http.Request.Headers.Authorization.ToString();
        return header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)
            && http.RequestServices.GetRequiredService<AdminKeys>().Accepts(header["Bearer ".Length..].Trim());
    }
}
