namespace QuickPoll.Contracts;

/// <summary>One day of a trend: the answers first given that day (UTC), summed up.</summary>
/// <param name="Day">The day, in UTC.</param>
/// <param name="Summary">The summary of that day's answers; its count is 0 on a day without answers.</param>
public sealed record TrendPoint(DateOnly Day, FeedbackSummary Summary);

/// <summary>The answers of one kind in a period, beside the period just before it, with a day-by-day trend.</summary>
/// <param name="Kind">The scale.</param>
/// <param name="Current">The answers first given in the period.</param>
/// <param name="Previous">The answers first given in the period of the same length just before it.</param>
/// <param name="Trend">One point per day of the period, oldest first, days without answers included.</param>
public sealed record KindInsight(FeedbackKind Kind, FeedbackSummary Current, FeedbackSummary Previous, IReadOnlyList<TrendPoint> Trend);

/// <summary>Every kind's figures for a period: what the dashboard's overview shows.</summary>
/// <param name="From">The period's first instant (inclusive).</param>
/// <param name="To">The period's end (exclusive).</param>
/// <param name="Target">The one target the figures are about, or <see langword="null"/> for every target.</param>
/// <param name="MinimumSample">Figures built on fewer answers than this are small samples: show them with their count, never as a headline.</param>
/// <param name="Kinds">One entry per feedback kind, in the order of <see cref="FeedbackKind"/>.</param>
public sealed record InsightsOverview(DateTimeOffset From, DateTimeOffset To, string? Target, int MinimumSample, IReadOnlyList<KindInsight> Kinds);

/// <summary>One kind's answers in a period, per value of a context field or per target, side by side.</summary>
/// <param name="Kind">The scale.</param>
/// <param name="Dimension">What the groups are by: segment, journeyStage, touchpoint, locale or target.</param>
/// <param name="From">The period's first instant (inclusive).</param>
/// <param name="To">The period's end (exclusive).</param>
/// <param name="Target">The one target the figures are about, or <see langword="null"/> for every target.</param>
/// <param name="MinimumSample">Groups with fewer answers than this are small samples.</param>
/// <param name="Groups">One summary per group, largest first (groups of a field with defined <see cref="ContextDimension.Values"/>, such as journey stages, in that order); answers without a value for the dimension are in no group.</param>
public sealed record InsightsBreakdown(
    FeedbackKind Kind, string Dimension, DateTimeOffset From, DateTimeOffset To, string? Target, int MinimumSample, IReadOnlyList<SummaryGroup> Groups);
