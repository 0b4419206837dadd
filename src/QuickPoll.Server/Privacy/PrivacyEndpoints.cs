using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Privacy;

/// <summary>Staff's privacy calls: erasing everything of one visitor.</summary>
internal static class PrivacyEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin) =>
        admin.MapDelete("/visitors/{visitorId}", EraseVisitorAsync)
            .WithName("EraseVisitor")
            .WithSummary("Erase a visitor: delete their answers, poll votes and comments and uncount them")
            .WithDescription("Deletes everything stored with the visitor id in one transaction and moves summaries and poll results down at once. A second call erases nothing and returns zeros.")
            .Produces<VisitorErasure>(contentType: "application/json")
            .ProducesValidationProblem();

    internal static async Task<IResult> EraseVisitorAsync(string visitorId, WriteQueue writes, CancellationToken cancellationToken)
    {
        if (FeedbackLimits.ValidateVisitorId(visitorId) is { } error)
        {
            return Problems.Invalid("visitorId", error);
        }

        var erased = await writes.WriteAsync(new EraseVisitor(visitorId), cancellationToken);
        return TypedResults.Json(erased, QuickPollJsonContext.Default.VisitorErasure);
    }
}
