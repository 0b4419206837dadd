using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Import;

/// <summary>Brings earlier feedback in with its original dates, so trends start where the shop's history does.</summary>
internal static class ImportEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin) =>
        admin.MapPost("/import", ImportAsync)
            .WithName("ImportFeedback")
            .WithSummary("Import earlier answers and comments with their original dates, stored whole or not at all")
            .ReadsJsonBody<FeedbackImport>()
            .Produces<FeedbackImportResult>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);

    internal static async Task<IResult> ImportAsync(
        HttpRequest request, WriteQueue writes, IOptions<QuickPollServerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        var (import, problem) = await JsonBody.ReadAsync(request, QuickPollJsonContext.Default.FeedbackImport, ImportLimits.MaxRequestBodyBytes, cancellationToken);
        if (import is null)
        {
            return problem!;
        }

        if (ImportLimits.Validate(import, time.GetUtcNow()) is { Count: > 0 } errors)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        try
        {
            var result = await ImportFeedback.RunAsync(writes, import, options.Value);
            return TypedResults.Json(result, QuickPollJsonContext.Default.FeedbackImportResult);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Rejected(rejection);
        }
    }
}
