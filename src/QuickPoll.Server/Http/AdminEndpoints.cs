using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Results;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>
/// The staff's API operations: each binds the typed request, hands it to its use case and answers with the contract's
/// JSON; refusals become problems in <see cref="RefusalFilter"/>.
/// </summary>
internal static class AdminEndpoints
{
    public static void Map(RouteGroupBuilder admin)
    {
        // Quick polls: define, change, read results.
        admin.MapPost("/polls", CreatePollAsync)
            .Operation("CreatePoll", "Create a poll");

        admin.MapGet("/polls", ListPolls)
            .Operation("ListPolls", "List every poll, newest first");

        admin.MapPut("/polls/{pollId}", UpdatePollAsync)
            .Operation("UpdatePoll", "Change a poll: its texts, dates, or close it")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/polls/{pollId}/results", GetPollBreakdown)
            .Operation("GetPollResultsBreakdown", "Read a poll's results overall and broken down by segment, journey stage, touchpoint or locale")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Moderation.
        admin.MapGet("/comments", ListForStaff)
            .Operation("ListCommentsForModeration", "Read comments by status (held ones wait for moderation), target, hold reason or rating")
            .ProducesValidationProblem();

        admin.MapPost("/comments/moderation", ModerateCommentsAsync)
            .Operation("ModerateComments", "Approve (publish) or reject one or many comments");

        admin.MapDelete("/comments/{commentId}", DeleteCommentAsync)
            .Operation("DeleteComment", "Delete one comment for good", "Deletes the comment, whatever its status, and the used order token that verified it. 204 when it was deleted; 404 when there is no such comment, so also for a second delete.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Results with breakdowns, and the raw answers export.
        admin.MapGet("/results", GetResults)
            .Operation("GetResults", "Read the answers of one kind, for one target or all, overall and broken down by segment, journeyStage, touchpoint, locale or target")
            .ProducesValidationProblem();

        admin.MapGet("/answers", Export)
            .Operation("ExportAnswers", "Export raw answers for a date range as JSON or CSV, streamed")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();

        // The dashboard's figures for a date range, as JSON for staff's own tools.
        admin.MapGet("/insights", GetOverview)
            .Operation("GetInsights", "Read every kind's figures for a date range (the last 30 days unless given): the period, the one before it, and a day-by-day trend")
            .ProducesValidationProblem();

        admin.MapGet("/insights/breakdown", GetInsightsBreakdown)
            .Operation("GetInsightsBreakdown", "Read one kind's figures for a date range per segment, journeyStage, touchpoint, locale or target, side by side")
            .ProducesValidationProblem();

        // Earlier feedback brought in with its original dates.
        admin.MapPost("/import", ImportAsync)
            .Operation("ImportFeedback", "Import earlier answers and comments with their original dates, stored whole or not at all")
            .ProducesProblem(StatusCodes.Status409Conflict);

        // Erasing everything of one visitor.
        admin.MapDelete("/visitors/{visitorId}", EraseVisitorAsync)
            .Operation("EraseVisitor", "Erase a visitor: delete their answers, poll votes and comments and uncount them", "Deletes everything stored with the visitor id in one transaction and moves summaries and poll results down at once. A second call erases nothing and returns zeros.")
            .ProducesValidationProblem();

        // Who may do what: the sites that embed QuickPoll and the admin keys.
        admin.MapPost("/sites", CreateSiteAsync)
            .Operation("CreateSite", "Register a site that embeds QuickPoll: its name, allowed origins, and a new public key");

        admin.MapGet("/sites", ListSites)
            .Operation("ListSites", "List every site with its public key and allowed origins");

        admin.MapPut("/sites/{siteId}", UpdateSiteAsync)
            .Operation("UpdateSite", "Change a site's name and allowed origins; takes effect on the next request")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/sites/{siteId}/public-key", RotatePublicKeyAsync)
            .Operation("RotateSitePublicKey", "Give a site a new public key; the old one stops working at once")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/keys", CreateKeyAsync)
            .Operation("CreateAdminKey", "Create an admin key; its secret is in this response only");

        admin.MapGet("/keys", ListKeys)
            .Operation("ListAdminKeys", "List the admin keys, without their secrets");

        admin.MapDelete("/keys/{keyId}", RevokeKeyAsync)
            .Operation("RevokeAdminKey", "Revoke an admin key; it stops working and its dashboard sessions end at once")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    
    }

    internal static async Task<JsonCreated<PollSummary>> CreatePollAsync(JsonRequest<PollDefinition> body, CreatePoll useCase, CancellationToken cancellationToken) =>
        ContractResults.Created(await useCase.RunAsync(body.Value, cancellationToken));

    internal static JsonOk<IReadOnlyList<PollSummary>> ListPolls(ListPolls useCase) => ContractResults.Ok(useCase.Run());

    internal static async Task<JsonOk<PollSummary>> UpdatePollAsync(string pollId, JsonRequest<PollDefinition> body, UpdatePoll useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(pollId, body.Value, cancellationToken));

    internal static JsonOk<PollResultsBreakdown> GetPollBreakdown([AsParameters] PollResultsRequest request, ReadPollResultsBreakdown useCase) =>
        ContractResults.Ok(useCase.Run(request));

    internal static JsonOk<ModerationPage> ListForStaff([AsParameters] ModerationQueueRequest request, ReadModerationQueue useCase) =>
        ContractResults.Ok(useCase.Run(request));

    internal static async Task<JsonOk<ModerationResult>> ModerateCommentsAsync(
        JsonRequest<ModerationDecision> body, Application.ModerateComments useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, cancellationToken));

    internal static async Task<NoContent> DeleteCommentAsync(string commentId, Application.DeleteComment useCase, CancellationToken cancellationToken)
    {
        await useCase.RunAsync(commentId, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static JsonOk<ResultsBreakdown> GetResults([AsParameters] ResultsRequest request, ReadResults useCase) =>
        ContractResults.Ok(useCase.Run(request));

    internal static Results<JsonOk<IAsyncEnumerable<ExportedAnswer>>, CsvAnswers> Export(
        [AsParameters] AnswerExportRequest request, ExportAnswers useCase, CancellationToken cancellationToken)
    {
        var export = useCase.Run(request, cancellationToken);
        return export.Csv ? new CsvAnswers(export.Answers) : ContractResults.Ok(export.Answers);
    }

    internal static JsonOk<InsightsOverview> GetOverview([AsParameters] InsightsRequest request, ReadInsights useCase) =>
        ContractResults.Ok(useCase.Overview(request));

    internal static JsonOk<InsightsBreakdown> GetInsightsBreakdown([AsParameters] InsightsBreakdownRequest request, ReadInsights useCase) =>
        ContractResults.Ok(useCase.Breakdown(request));

    internal static async Task<JsonOk<FeedbackImportResult>> ImportAsync(
        [BodyLimit(ImportLimits.MaxRequestBodyBytes)] JsonRequest<FeedbackImport> body, Application.ImportFeedback useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, cancellationToken));

    internal static async Task<JsonOk<VisitorErasure>> EraseVisitorAsync(string visitorId, Application.EraseVisitor useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(visitorId, cancellationToken));

    internal static async Task<JsonCreated<RegisteredSite>> CreateSiteAsync(JsonRequest<SiteDefinition> body, RegisterSite useCase, CancellationToken cancellationToken) =>
        ContractResults.Created(await useCase.RunAsync(body.Value, cancellationToken));

    internal static JsonOk<IReadOnlyList<RegisteredSite>> ListSites(ReadAccess useCase) => ContractResults.Ok(useCase.Sites());

    internal static async Task<JsonOk<RegisteredSite>> UpdateSiteAsync(
        string siteId, JsonRequest<SiteDefinition> body, UpdateSite useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(siteId, body.Value, cancellationToken));

    internal static async Task<JsonOk<RegisteredSite>> RotatePublicKeyAsync(string siteId, RotateSitePublicKey useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(siteId, cancellationToken));

    internal static async Task<JsonCreated<CreatedAdminKey>> CreateKeyAsync(
        JsonRequest<CreateAdminKeyRequest> body, Application.CreateAdminKey useCase, CancellationToken cancellationToken) =>
        ContractResults.Created(await useCase.RunAsync(body.Value, cancellationToken));

    internal static JsonOk<IReadOnlyList<AdminKeyInfo>> ListKeys(ReadAccess useCase) => ContractResults.Ok(useCase.AdminKeys());

    internal static async Task<JsonOk<AdminKeyInfo>> RevokeKeyAsync(string keyId, Application.RevokeAdminKey useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(keyId, cancellationToken));
}
