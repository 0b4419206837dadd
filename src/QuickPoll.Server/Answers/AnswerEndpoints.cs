using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Alerts;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Telemetry;

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
            .ReadsJsonBody<SubmitAnswerRequest>()
            .TakesIdempotencyKey()
            .Produces<AnswerReceipt>(StatusCodes.Status200OK, "application/json")
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/summaries", GetSummary)
            .WithName("GetSummary")
            .WithSummary("Read a target's summary")
            .WithDescription("Count, average and distribution of one target's answers on one scale, overall or for one segment, journey stage, touchpoint or locale.")
            .Produces<FeedbackSummary>(StatusCodes.Status200OK, "application/json");
    }

    internal static Task<IResult> SubmitAnswerAsync(
        HttpRequest request, WriteQueue writes, IOptions<QuickPollServerOptions> options, TimeProvider time, AlertQueue alerts, QuickPollMetrics metrics, CancellationToken cancellationToken) =>
        Submission.HandleAsync(
            request, writes, options.Value, QuickPollJsonContext.Default.SubmitAnswerRequest, QuickPollJsonContext.Default.AnswerReceipt,
            FeedbackLimits.Validate,
            (answer, idempotency) => PurchaseProof.TryRead(answer.OrderToken, answer.Target, options.Value, time.GetUtcNow(), out var orderId, out var tokenProblem)
                ? (new SubmitAnswer(answer, idempotency, orderId, alerts, metrics), null)
                : (null, tokenProblem),
            cancellationToken);

    internal static Results<JsonHttpResult<FeedbackSummary>, ValidationProblem> GetSummary(
        string? target, string? kind, string? segment, string? journeyStage, string? touchpoint, string? locale, SummaryReader summaries)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            return Problems.Invalid("target", targetError);
        }

        var feedbackKind = FeedbackKind.Stars;
        if (kind is not null && !FeedbackKindNames.TryParse(kind, out feedbackKind))
        {
            return Problems.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        if (!AnswerContext.TryReadFilter([segment, journeyStage, touchpoint, locale], out var filter, out var problem))
        {
            return Problems.Invalid(problem.Field, problem.Message);
        }

        return TypedResults.Json(summaries.Read(target!, feedbackKind, filter), QuickPollJsonContext.Default.FeedbackSummary);
    }
}
