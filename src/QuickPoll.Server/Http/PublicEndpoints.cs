using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>
/// The public API's operations, what a product page may call: each binds the typed request, hands it to its use case
/// and answers with the contract's JSON; refusals become problems in <see cref="RefusalFilter"/>.
/// </summary>
internal static class PublicEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        // Answers and summaries: the two hot paths of a product page.
        api.MapPost("/answers", SubmitAnswerAsync)
            .Operation("SubmitAnswer", "Store a visitor's answer", "Validates and durably stores one answer, then returns the target's updated summary. A repeated Idempotency-Key returns the first receipt and stores nothing.")
            .TakesIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/summaries", GetSummary)
            .Operation("GetSummary", "Read a target's summary", "Count, average and distribution of one target's answers on one scale, overall or for one segment, journey stage, touchpoint or locale.")
            .ProducesValidationProblem();

        // Quick polls: visitors read and vote.
        api.MapGet("/polls/{pollId}", GetPoll)
            .Operation("GetPoll", "Read a poll in the visitor's language")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/polls/{pollId}/votes", VoteAsync)
            .Operation("VoteInPoll", "Vote in a poll", "Records the visitor's choices and returns the poll's results. A visitor's second vote replaces the first. 409 when the poll is closed.")
            .TakesIdempotencyKey()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/polls/{pollId}/results", GetPollResults)
            .Operation("GetPollResults", "Read a poll's results: counts and percentages per choice")
            .ProducesProblem(StatusCodes.Status404NotFound);

        // Comments and reviews: visitors write and read published ones.
        api.MapPost("/comments", SubmitCommentAsync)
            .Operation("SubmitComment", "Store a visitor's comment or review", "Stores the text as plain text. It is published at once or held for staff, as the site's moderation rules decide.")
            .TakesIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/comments/form", GetForm)
            .Operation(
                "GetCommentForm",
                "Start a comment form about a target: a token for one comment, to send back with it",
                "The token is good for one comment about this target from this site. A comment sent sooner after this than the site's minimum "
                + "time, later than CommentFormLifetime (2 hours by default), about another target or with a token already used is refused "
                + "with a problem naming formToken.")
            .ProducesValidationProblem();

        api.MapGet("/comments", ListPublished)
            .Operation("ListComments", "Read a target's published comments, newest first, a page at a time")
            .ProducesValidationProblem();

        // The site's review policy, for pages that must say how reviews are collected and checked.
        api.MapGet("/site/policy", GetPolicy)
            .Operation("GetSitePolicy", "Read how this site moderates comments and verifies purchases");
    }

    internal static async Task<JsonOk<AnswerReceipt>> SubmitAnswerAsync(
        JsonRequest<SubmitAnswerRequest> body, HttpContext http, Application.SubmitAnswer useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(body.Value, HttpCaller.Of(http), cancellationToken));

    internal static JsonOk<FeedbackSummary> GetSummary([AsParameters] SummaryQuery query, ReadSummary useCase) =>
        ContractResults.Ok(useCase.Run(query.Target, query.FeedbackKind, [query.Segment, query.JourneyStage, query.Touchpoint, query.Locale]));

    /// <summary>
    /// A summary's query as sent. A name that is no kind becomes a value the use case refuses naming the field,
    /// after the fields before it, as any other wrong value; the context values go to the use case as sent.
    /// </summary>
    internal sealed record SummaryQuery(
        [FromQuery(Name = "target")] string? Target,
        [FromQuery(Name = "kind")] string? Kind,
        [FromQuery(Name = "segment")] string? Segment,
        [FromQuery(Name = "journeyStage")] string? JourneyStage,
        [FromQuery(Name = "touchpoint")] string? Touchpoint,
        [FromQuery(Name = "locale")] string? Locale)
    {
        public FeedbackKind FeedbackKind =>
            Kind is null ? FeedbackKind.Stars : FeedbackKindNames.TryParse(Kind, out var kind) ? kind : (FeedbackKind)(-1);
    }

    internal static JsonOk<Poll> GetPoll(string pollId, string? locale, ReadPoll useCase) =>
        ContractResults.Ok(useCase.Run(pollId, locale));

    internal static async Task<JsonOk<PollResults>> VoteAsync(
        string pollId, JsonRequest<PollVoteRequest> body, HttpContext http, Application.CastVote useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(pollId, body.Value, HttpCaller.Of(http), cancellationToken));

    internal static JsonOk<PollResults> GetPollResults(string pollId, string? locale, ReadPollResults useCase) =>
        ContractResults.Ok(useCase.Run(pollId, locale));

    internal static JsonOk<CommentForm> GetForm([FromQuery(Name = "target")] string? target, HttpContext http, StartCommentForm useCase) =>
        ContractResults.Ok(useCase.Run(target, HttpCaller.Of(http)));

    internal static async Task<JsonOk<CommentReceipt>> SubmitCommentAsync(
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

    internal static JsonOk<SitePolicy> GetPolicy(ReadSitePolicy useCase) =>
        ContractResults.Ok(useCase.Run());
}
