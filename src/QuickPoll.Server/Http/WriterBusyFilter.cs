using Microsoft.AspNetCore.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>Answers a write the writer could not take (its queue full, the app stopping) with 503 and <c>Retry-After</c>.</summary>
internal sealed class WriterBusyFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (WriteUnavailableException busy)
        {
            return Problems.Unavailable(context.HttpContext, busy);
        }
    }
}
