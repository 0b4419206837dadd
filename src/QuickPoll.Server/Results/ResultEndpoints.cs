using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Results;

/// <summary>Staff's results with breakdowns, and the raw answers export.</summary>
internal static class ResultEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/results", GetResults)
            .WithName("GetResults")
            .WithSummary("Read the answers of one kind, for one target or all, overall and broken down by segment, journeyStage, touchpoint, locale or target")
            .Produces<ResultsBreakdown>(contentType: "application/json")
            .ProducesValidationProblem();

        admin.MapGet("/answers", ExportAsync)
            .WithName("ExportAnswers")
            .WithSummary("Export raw answers for a date range as JSON or CSV, streamed")
            .Produces<IReadOnlyList<ExportedAnswer>>(contentType: "application/json")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();
    }

    internal static IResult GetResults(string? target, string? kind, string? breakdown, Database database)
    {
        if (target is not null && FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            return Problems.Invalid("target", targetError);
        }

        var feedbackKind = FeedbackKind.Stars;
        if (kind is not null && !FeedbackKindNames.TryParse(kind, out feedbackKind))
        {
            return Problems.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        if (breakdown is not null && !ResultsQuery.Breakdowns.Contains(breakdown))
        {
            return Problems.Invalid("breakdown", $"Break results down by one of: {string.Join(", ", ResultsQuery.Breakdowns)}.");
        }

        var results = database.Read(query => ResultsQuery.Read(query, target, feedbackKind, breakdown));
        return TypedResults.Json(results, QuickPollJsonContext.Default.ResultsBreakdown);
    }

    internal static async Task<IResult> ExportAsync(
        HttpContext http, string? from, string? to, string? target, string? format, Database database, CancellationToken cancellationToken)
    {
        if (format is not (null or "json" or "csv"))
        {
            return Problems.Invalid("format", "The format must be json or csv.");
        }

        if (!QueryValue.TryDateTime(from, out var since))
        {
            return Problems.Invalid("from", "The start must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z.");
        }

        if (!QueryValue.TryDateTime(to, out var until))
        {
            return Problems.Invalid("to", "The end must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z.");
        }

        if (since is { } start && until is { } end && end <= start)
        {
            return Problems.Invalid("to", "The range must end after it starts.");
        }

        if (target is not null && FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            return Problems.Invalid("target", targetError);
        }

        var answers = AnswerExport.ReadAsync(database, since, until, target, cancellationToken);
        if (format == "csv")
        {
            await AnswerExport.WriteCsvAsync(http.Response, answers, cancellationToken);
            return TypedResults.Empty;
        }

        return TypedResults.Json(answers, QuickPollJsonContext.Default.IAsyncEnumerableExportedAnswer);
    }
}
