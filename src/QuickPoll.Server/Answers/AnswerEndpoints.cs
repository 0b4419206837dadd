using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;

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

    internal static async Task<IResult> SubmitAnswerAsync(
        HttpRequest request, WriteQueue writes, IOptions<QuickPollServerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (!IdempotencyKey.TryRead(request, out var idempotencyKey, out var keyProblem))
        {
            return keyProblem;
        }

        var (answer, problem) = await JsonBody.ReadAsync(request, QuickPollJsonContext.Default.SubmitAnswerRequest, cancellationToken);
        if (answer is null)
        {
            return problem!;
        }

        var errors = FeedbackLimits.Validate(answer);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        answer = answer with { VisitorId = VisitorCookie.Resolve(request.HttpContext, options.Value, answer.VisitorId) };
        if (!PurchaseProof.TryRead(answer.OrderToken, answer.Target, options.Value, time.GetUtcNow(), out var orderId, out var tokenProblem))
        {
            return tokenProblem!;
        }

        try
        {
            var receipt = await writes.WriteAsync(new SubmitAnswer(answer, idempotencyKey, orderId), cancellationToken);
            return TypedResults.Json(receipt, QuickPollJsonContext.Default.AnswerReceipt);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Rejected(rejection);
        }
    }

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

        (string Dimension, string Value)? filter = null;
        var filters = 0;
        foreach (var (dimension, value, error) in new[]
        {
            (AnswerContext.Segment, segment, FeedbackLimits.ValidateTag(segment, "segment")),
            (AnswerContext.JourneyStage, journeyStage, journeyStage is null || AnswerContext.IsStageName(journeyStage) ? null : "The journey stage must be one of: discovery, purchase, use, after-purchase."),
            (AnswerContext.Touchpoint, touchpoint, FeedbackLimits.ValidateTag(touchpoint, "touchpoint")),
            (AnswerContext.Locale, locale, FeedbackLimits.ValidateLocale(locale)),
        })
        {
            if (error is not null)
            {
                return Problems.Invalid(dimension, error);
            }

            if (value is not null)
            {
                filter = (dimension, value);
                filters++;
            }
        }

        if (filters > 1)
        {
            return Problems.Invalid("filter", "Filter a summary by one of segment, journeyStage, touchpoint or locale at a time.");
        }

        return TypedResults.Json(summaries.Read(target!, feedbackKind, filter), QuickPollJsonContext.Default.FeedbackSummary);
    }
}
