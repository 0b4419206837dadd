using Microsoft.AspNetCore.Http;
using QuickPoll.Server.Application;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>
/// The one place where a refusal becomes a problem response: a use case's <see cref="QuickPollRefusal"/>, and the
/// storage's refusals of a write (refused at write time, or the writer busy) that reach the edge unchanged.
/// </summary>
internal sealed class RefusalFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (QuickPollRefusal refusal)
        {
            return Problems.Refused(context.HttpContext, refusal);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Refused(context.HttpContext, QuickPollRefusal.From(rejection));
        }
        catch (WriteUnavailableException busy)
        {
            return Problems.Refused(context.HttpContext, QuickPollRefusal.From(busy));
        }
    }
}
