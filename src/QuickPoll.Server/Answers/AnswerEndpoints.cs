using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;

namespace QuickPoll.Server.Answers;

/// <summary>Submitting answers and reading summaries: the two hot paths of a product page.</summary>
internal static class AnswerEndpoints
{
    public static void Map(RouteGroupBuilder api)
    {
        api.MapPost("/answers", SubmitAnswerAsync)
            .WithName("SubmitAnswer")
            .WithSummary("Store a visitor's answer")
            .WithDescription("Validates and durably stores one answer, then returns the target's updated summary. A repeated Idempotency-Key returns the first receipt and stores nothing.")
            .TakesIdempotencyKey()
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/summaries", GetSummary)
            .WithName("GetSummary")
            .WithSummary("Read a target's summary")
            .WithDescription("Count, average and distribution of one target's answers on one scale, overall or for one segment, journey stage, touchpoint or locale.")
            .ProducesValidationProblem();
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
}
