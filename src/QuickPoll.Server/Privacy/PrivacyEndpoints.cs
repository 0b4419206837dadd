using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Privacy;

/// <summary>Staff's privacy calls: erasing everything of one visitor.</summary>
internal static class PrivacyEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin) =>
        admin.MapDelete("/visitors/{visitorId}", EraseVisitorAsync)
            .WithName("EraseVisitor")
            .WithSummary("Erase a visitor: delete their answers, poll votes and comments and uncount them")
            .WithDescription("Deletes everything stored with the visitor id in one transaction and moves summaries and poll results down at once. A second call erases nothing and returns zeros.")
            .ProducesValidationProblem();

    internal static async Task<JsonOk<VisitorErasure>> EraseVisitorAsync(string visitorId, Application.EraseVisitor useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(visitorId, cancellationToken));
}
