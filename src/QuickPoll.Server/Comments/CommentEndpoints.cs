using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Alerts;
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
            .ReadsJsonBody<SubmitCommentRequest>()
            .TakesIdempotencyKey()
            .Produces<CommentReceipt>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/comments/form", GetForm)
            .WithName("GetCommentForm")
            .WithSummary("Start a comment form about a target: a token for one comment, to send back with it")
            .WithDescription(
                "The token is good for one comment about this target from this site. A comment sent sooner after this than the site's minimum "
                + "time, later than CommentFormLifetime (2 hours by default), about another target or with a token already used is refused "
                + "with a problem naming formToken.")
            .Produces<CommentForm>(contentType: "application/json")
            .ProducesValidationProblem();

        api.MapGet("/comments", ListPublished)
            .WithName("ListComments")
            .WithSummary("Read a target's published comments, newest first, a page at a time")
            .Produces<CommentPage>(contentType: "application/json")
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

    internal static IResult GetForm(string? target, HttpContext http, CommentFormTokens forms) =>
        FeedbackLimits.ValidateTarget(target) is { } targetError
            ? Problems.Invalid("target", targetError)
            : TypedResults.Json(new CommentForm(forms.Issue(target!, SiteAccess.SiteOf(http)?.PublicKey), forms.MinimumSeconds), QuickPollJsonContext.Default.CommentForm);

    internal static Task<IResult> SubmitAsync(
        HttpRequest request, WriteQueue writes, CommentFormTokens forms, IOptions<QuickPollServerOptions> options, TimeProvider time, AlertQueue alerts,
        CancellationToken cancellationToken) =>
        Submission.HandleAsync(
            request, writes, options.Value, QuickPollJsonContext.Default.SubmitCommentRequest, QuickPollJsonContext.Default.CommentReceipt,
            CommentLimits.Validate,
            (comment, idempotency) =>
                // A filled honeypot gets what a held comment gets, and nothing is stored: a bot learns nothing to adapt to.
                !string.IsNullOrEmpty(comment.Website) ? (new IgnoredComment(), null)
                : forms.Read(comment.FormToken, comment.Target, SiteAccess.SiteOf(request.HttpContext)?.PublicKey, out var formProblem) is var form
                    && formProblem is not null ? (null, formProblem)
                : PurchaseProof.TryRead(comment.OrderToken, comment.Target, options.Value, time.GetUtcNow(), out var orderId, out var tokenProblem)
                ? (new SubmitComment(comment, HoldRules.ReasonToHold(comment.Text, comment.DisplayName, options.Value), orderId, idempotency, alerts)
                    { Form = form }, null)
                : (null, tokenProblem),
            cancellationToken);

    internal static IResult ListPublished(string? target, string? page, string? pageSize, Database database)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            return Problems.Invalid("target", targetError);
        }

        if (ReadPaging(page, pageSize, out var pageNumber, out var size) is { } pagingProblem)
        {
            return pagingProblem;
        }

        var comments = database.Read(query => CommentStore.Published(query, target!, pageNumber ?? 1, size ?? 10));
        return TypedResults.Json(comments, QuickPollJsonContext.Default.CommentPage);
    }

    internal static JsonOk<ModerationPage> ListForStaff([AsParameters] ModerationQueueRequest request, ReadModerationQueue useCase) =>
        ContractResults.Ok(useCase.Run(request));

    internal static async Task<JsonOk<ModerationResult>> ModerateAsync(
        JsonRequest<ModerationDecision> body, Application.ModerateComments useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, cancellationToken));

    private static Microsoft.AspNetCore.Http.HttpResults.ValidationProblem? ReadPaging(string? page, string? pageSize, out int? pageNumber, out int? size)
    {
        var pageRead = QueryValue.TryInt(page, out pageNumber);
        var sizeRead = QueryValue.TryInt(pageSize, out size);
        return !pageRead || pageNumber is < 1 or > 100_000 ? Problems.Invalid("page", "The page must be a whole number from 1 to 100000.")
            : !sizeRead || size is < 1 or > CommentLimits.MaxPageSize ? Problems.Invalid("pageSize", $"The page size must be a whole number from 1 to {CommentLimits.MaxPageSize}.")
            : null;
    }
}
