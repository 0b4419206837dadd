using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Insights;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The dashboard's figures for a date range: every kind side by side with the period before, or one kind per group.</summary>
internal sealed class ReadInsights(Database database, IOptions<QuickPollServerOptions> options, TimeProvider time)
{
    /// <summary>The range used when none is given: the last 30 days.</summary>
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    public InsightsOverview Overview(InsightsRequest request)
    {
        var (from, to) = Range(request.From, request.To, request.Target, time);
        return database.Read(query => InsightsQuery.Overview(query, from, to, request.Target, options.Value.MinimumSample));
    }

    public InsightsBreakdown Breakdown(InsightsBreakdownRequest request)
    {
        if (request.Kind is null || !FeedbackKindNames.TryParse(request.Kind, out var kind))
        {
            throw QuickPollRefusal.Invalid("kind", $"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}.");
        }

        if (request.By is null || !InsightsQuery.Dimensions.ContainsKey(request.By))
        {
            throw QuickPollRefusal.Invalid("by", $"Break the figures down by one of: {string.Join(", ", InsightsQuery.Dimensions.Keys)}.");
        }

        var (from, to) = Range(request.From, request.To, request.Target, time);
        return database.Read(query => InsightsQuery.Breakdown(query, kind, request.By, from, to, request.Target, options.Value.MinimumSample));
    }

    /// <summary>The range asked for (the last 30 days unless given); refuses a bad date, target, order or span. The dashboard applies the same rules.</summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(string? from, string? to, string? target, TimeProvider time)
    {
        var (since, until) = DateRange.Read(from, to);
        if (target is not null && FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        var end = until ?? since?.Add(DefaultRange) ?? time.GetUtcNow();
        var start = since ?? end - DefaultRange;
        if (end <= start)
        {
            throw QuickPollRefusal.Invalid("to", "The range must end after it starts.");
        }

        if (end - start > TimeSpan.FromDays(InsightsQuery.MaxDays))
        {
            throw QuickPollRefusal.Invalid("from", $"The range can span at most {InsightsQuery.MaxDays} days.");
        }

        return (start, end);
    }
}

/// <summary>A date range (the last 30 days unless given, up to 366) and, optionally, one target.</summary>
internal sealed record InsightsRequest(
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "target")] string? Target);

/// <summary>One kind's figures per group: the kind, the dimension to group by, a date range and optionally one target.</summary>
internal sealed record InsightsBreakdownRequest(
    [property: FromQuery(Name = "kind")] string? Kind,
    [property: FromQuery(Name = "by")] string? By,
    [property: FromQuery(Name = "from")] string? From,
    [property: FromQuery(Name = "to")] string? To,
    [property: FromQuery(Name = "target")] string? Target);
