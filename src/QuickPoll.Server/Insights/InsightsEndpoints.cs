using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Insights;

/// <summary>The dashboard's figures for a date range, as JSON for staff's own tools.</summary>
internal static class InsightsEndpoints
{
    /// <summary>The range used when none is given: the last 30 days.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/insights", GetOverview)
            .WithName("GetInsights")
            .WithSummary("Read every kind's figures for a date range (the last 30 days unless given): the period, the one before it, and a day-by-day trend")
            .Produces<InsightsOverview>(contentType: "application/json")
            .ProducesValidationProblem();

        admin.MapGet("/insights/breakdown", GetBreakdown)
            .WithName("GetInsightsBreakdown")
            .WithSummary("Read one kind's figures for a date range per segment, journeyStage, touchpoint, locale or target, side by side")
            .Produces<InsightsBreakdown>(contentType: "application/json")
            .ProducesValidationProblem();
    }

    internal static IResult GetOverview(string? from, string? to, string? target, Database database, IOptions<QuickPollServerOptions> options, TimeProvider time)
    {
        if (Range(from, to, target, time) is not { } range)
        {
            return RangeProblem(from, to, target, time)!;
        }

        var overview = database.Read(query => InsightsQuery.Overview(query, range.From, range.To, target, options.Value.MinimumSample));
        return TypedResults.Json(overview, QuickPollJsonContext.Default.InsightsOverview);
    }

    internal static IResult GetBreakdown(
        string? kind, string? by, string? from, string? to, string? target, Database database, IOptions<QuickPollServerOptions> options, TimeProvider time)
    {
        if (kind is null || !FeedbackKindNames.TryParse(kind, out var feedbackKind))
        {
            return Problems.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        if (by is null || !InsightsQuery.Dimensions.ContainsKey(by))
        {
            return Problems.Invalid("by", $"Break the figures down by one of: {string.Join(", ", InsightsQuery.Dimensions.Keys)}.");
        }

        if (Range(from, to, target, time) is not { } range)
        {
            return RangeProblem(from, to, target, time)!;
        }

        var breakdown = database.Read(query => InsightsQuery.Breakdown(query, feedbackKind, by, range.From, range.To, target, options.Value.MinimumSample));
        return TypedResults.Json(breakdown, QuickPollJsonContext.Default.InsightsBreakdown);
    }

    /// <summary>The range asked for, or <see langword="null"/> when <see cref="RangeProblem"/> has something to say.</summary>
    internal static (DateTimeOffset From, DateTimeOffset To)? Range(string? from, string? to, string? target, TimeProvider time) =>
        RangeProblem(from, to, target, time) is null ? Resolve(from, to, time) : null;

    internal static IResult? RangeProblem(string? from, string? to, string? target, TimeProvider time)
    {
        if (!QueryValue.TryDateTime(from, out _))
        {
            return Problems.Invalid("from", "The start must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z.");
        }

        if (!QueryValue.TryDateTime(to, out _))
        {
            return Problems.Invalid("to", "The end must be an ISO 8601 date and time, such as 2026-01-31T00:00:00Z.");
        }

        if (target is not null && FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            return Problems.Invalid("target", targetError);
        }

        var (start, end) = Resolve(from, to, time);
        if (end <= start)
        {
            return Problems.Invalid("to", "The range must end after it starts.");
        }

        if (end - start > TimeSpan.FromDays(InsightsQuery.MaxDays))
        {
            return Problems.Invalid("from", $"The range can span at most {InsightsQuery.MaxDays} days.");
        }

        return null;
    }

    private static (DateTimeOffset From, DateTimeOffset To) Resolve(string? from, string? to, TimeProvider time)
    {
        QueryValue.TryDateTime(from, out var since);
        QueryValue.TryDateTime(to, out var until);
        var end = until ?? since?.Add(DefaultRange) ?? time.GetUtcNow();
        return (since ?? end - DefaultRange, end);
    }
}
