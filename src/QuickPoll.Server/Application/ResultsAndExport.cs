using Microsoft.AspNetCore.Mvc;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Results;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Staff's results of one kind, for one target or all, overall and broken down by a context field or by target.</summary>
internal sealed class ReadResults(Database database)
{
    public ResultsBreakdown Run(ResultsRequest request)
    {
        if (request.Target is not null && FeedbackLimits.ValidateTarget(request.Target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        var kind = FeedbackKind.Stars;
        if (request.Kind is not null && !FeedbackKindNames.TryParse(request.Kind, out kind))
        {
            throw QuickPollRefusal.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        if (request.Breakdown is not null && !ResultsQuery.Breakdowns.Contains(request.Breakdown))
        {
            throw QuickPollRefusal.Invalid("breakdown", $"Break results down by one of: {string.Join(", ", ResultsQuery.Breakdowns)}.");
        }

        return database.Read(query => ResultsQuery.Read(query, request.Target, kind, request.Breakdown));
    }
}

/// <summary>Which results: one target or all, one kind (stars unless given), broken down by what (or nothing).</summary>
internal sealed record ResultsRequest(
    [property: FromQuery(Name = "target")] string? Target,
    [property: FromQuery(Name = "kind")] string? Kind,
    [property: FromQuery(Name = "breakdown")] string? Breakdown);

/// <summary>Raw answers created in a date range, read row by row as they are written out (JSON or CSV).</summary>
internal sealed class ExportAnswers(Database database)
{
    public AnswerExportStream Run(AnswerExportRequest request, CancellationToken cancellationToken)
    {
        if (request.Format is not (null or "json" or "csv"))
        {
            throw QuickPollRefusal.Invalid("format", "The format must be json or csv.");
        }

        var (since, until) = DateRange.Read(request.From, request.To);
        if (since is { } start && until is { } end && end <= start)
        {
            throw QuickPollRefusal.Invalid("to", "The range must end after it starts.");
        }

        if (request.Target is not null && FeedbackLimits.ValidateTarget(request.Target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        return new AnswerExportStream(request.Format == "csv", AnswerExport.ReadAsync(database, since, until, request.Target, cancellationToken));
    }
}

/// <summary>Which answers to export (a date range, a target) and how: <c>json</c> (the default) or <c>csv</c>.</summary>
internal sealed record AnswerExportRequest(
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "target")] string? Target,
    [property: FromQuery(Name = "format")] string? Format);

/// <summary>The answers of an export, not read yet, and whether they go out as CSV.</summary>
internal sealed record AnswerExportStream(bool Csv, IAsyncEnumerable<ExportedAnswer> Answers);

/// <summary>The <c>from</c> and <c>to</c> of a date range, as the query string gives them.</summary>
internal static class DateRange
{
    public static (DateTimeOffset? From, DateTimeOffset? To) Read(string? from, string? to)
    {
        if (!QueryValue.TryDateTime(from, out var since))
        {
            throw QuickPollRefusal.Invalid("from", "The start must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z.");
        }

        if (!QueryValue.TryDateTime(to, out var until))
        {
            throw QuickPollRefusal.Invalid("to", "The end must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z.");
        }

        return (since, until);
    }
}
