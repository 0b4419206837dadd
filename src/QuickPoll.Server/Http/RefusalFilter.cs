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
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        // A read answers at once: no state machine for it, only for a write that waits.
        ValueTask<object?> result;
        try
        {
            result = next(context);
        }
        catch (Exception ex) when (Refused(context.HttpContext, ex) is { } problem)
        {
            return ValueTask.FromResult<object?>(problem);
        }

        return result.IsCompletedSuccessfully ? result : AwaitAsync(result, context.HttpContext);
    }

    private static async ValueTask<object?> AwaitAsync(ValueTask<object?> result, HttpContext http)
    {
        try
        {
            return await result;
        }
        catch (Exception ex) when (Refused(http, ex) is { } problem)
        {
            return problem;
        }
    }

    private static IResult? Refused(HttpContext http, Exception exception) => exception switch
    {
        QuickPollRefusal refusal => Problems.Refused(http, refusal),
        WriteRejectedException rejection => Problems.Refused(http, QuickPollRefusal.From(rejection)),
        WriteUnavailableException busy => Problems.Refused(http, QuickPollRefusal.From(busy)),
        _ => null,
    };
}
