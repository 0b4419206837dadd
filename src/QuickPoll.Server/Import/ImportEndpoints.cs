using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Import;

/// <summary>Brings earlier feedback in with its original dates, so trends start where the shop's history does.</summary>
internal static class ImportEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin) =>
        admin.MapPost("/import", ImportAsync)
            .WithName("ImportFeedback")
            .WithSummary("Import earlier answers and comments with their original dates, stored whole or not at all")
            .ProducesProblem(StatusCodes.Status409Conflict);

    internal static async Task<JsonOk<FeedbackImportResult>> ImportAsync(
        [BodyLimit(ImportLimits.MaxRequestBodyBytes)] JsonRequest<FeedbackImport> body, Application.ImportFeedback useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, cancellationToken));
}
