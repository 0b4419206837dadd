using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Comments;

/// <summary>Comments and reviews: visitors write and read published ones; staff moderate.</summary>
internal static class CommentEndpoints
{
    public static void MapPublic(RouteGroupBuilder api)
    {
        api.MapPost("/comments", SubmitAsync)
            .WithName("SubmitComment")
            .WithSummary("Store a visitor's comment or review")
            .WithDescription("Stores the text as plain text. It is published at once or held for staff, as the site's moderation rules decide.")
            .TakesIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/comments/form", GetForm)
            .WithName("GetCommentForm")
            .WithSummary("Start a comment form about a target: a token for one comment, to send back with it")
            .WithDescription(
                "The token is good for one comment about this target from this site. A comment sent sooner after this than the site's minimum "
                + "time, later than CommentFormLifetime (2 hours by default), about another target or with a token already used is refused "
                + "with a problem naming formToken.")
            .ProducesValidationProblem();

        api.MapGet("/comments", ListPublished)
            .WithName("ListComments")
            .WithSummary("Read a target's published comments, newest first, a page at a time")
            .ProducesValidationProblem();
    }

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/comments", ListForStaff)
            .WithName("ListCommentsForModeration")
            .WithSummary("Read comments by status (held ones wait for moderation), target, hold reason or rating")
            .ProducesValidationProblem();

        admin.MapPost("/comments/moderation", ModerateAsync)
            .WithName("ModerateComments")
            .WithSummary("Approve (publish) or reject one or many comments");

        admin.MapDelete("/comments/{commentId}", DeleteAsync)
            .WithName("DeleteComment")
            .WithSummary("Delete one comment for good")
            .WithDescription("Deletes the comment, whatever its status, and the used order token that verified it. 204 when it was deleted; 404 when there is no such comment, so also for a second delete.")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static async Task<NoContent> DeleteAsync(string commentId, Application.DeleteComment useCase, CancellationToken cancellationToken)
    {
        await useCase.RunAsync(commentId, cancellationToken);
        return TypedResults.NoContent();
    }

    internal static JsonOk<CommentForm> GetForm([FromQuery(Name = "target")] string? target, HttpContext http, StartCommentForm useCase) =>
        ContractResults.Ok(useCase.Run(target, HttpCaller.Of(http)));

    internal static async Task<JsonOk<CommentReceipt>> SubmitAsync(
        JsonRequest<SubmitCommentRequest> body, HttpContext http, Application.SubmitComment useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, HttpCaller.Of(http), cancellationToken));

    internal static JsonOk<CommentPage> ListPublished([AsParameters] CommentsQuery query, ReadComments useCase) =>
        ContractResults.Ok(useCase.Run(query.Target, query.PageNumber, query.Size));

    /// <summary>A page of published comments as asked; a page or size that is no whole number is one the use case refuses.</summary>
    internal sealed record CommentsQuery(
        [FromQuery(Name = "target")] string? Target,
        [FromQuery(Name = "page")] string? Page,
        [FromQuery(Name = "pageSize")] string? PageSize)
    {
        public int PageNumber => QueryValue.TryInt(Page, out var page) ? page ?? 1 : 0;

        public int Size => QueryValue.TryInt(PageSize, out var size) ? size ?? 10 : 0;
    }

    internal static JsonOk<ModerationPage> ListForStaff([AsParameters] ModerationQueueRequest request, ReadModerationQueue useCase) =>
        ContractResults.Ok(useCase.Run(request));

    internal static async Task<JsonOk<ModerationResult>> ModerateAsync(
        JsonRequest<ModerationDecision> body, Application.ModerateComments useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, cancellationToken));
}
