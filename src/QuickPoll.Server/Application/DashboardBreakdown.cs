using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Insights;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The staff dashboard's breakdown: one kind's figures for a period per segment, journey stage, touchpoint, locale or product.</summary>
internal sealed class DashboardBreakdown(Database database, IOptions<QuickPollServerOptions> options)
{
    /// <summary>The names a breakdown may be by, as the dashboard's form offers them.</summary>
    public static IEnumerable<string> Dimensions => InsightsQuery.Dimensions.Keys;

    public static bool IsDimension(string by) => InsightsQuery.Dimensions.ContainsKey(by);

    public (InsightsBreakdown Breakdown, IReadOnlyList<string> Targets) Read(FeedbackKind kind, string by, DateTimeOffset from, DateTimeOffset to, string? target) =>
        database.Read(query => (
            InsightsQuery.Breakdown(query, kind, by, from, to, target, options.Value.MinimumSample),
            (IReadOnlyList<string>)DashboardOverview.Targets(query, from, to)));
}
