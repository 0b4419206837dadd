using System.Globalization;
using QuickPoll.Contracts;

namespace QuickPoll.Dashboard;

/// <summary>The one figure each kind is judged by, its scale and wording, shared by cards, tables and charts.</summary>
internal static class Figures
{
    /// <summary>NPS, CSAT's and thumbs' shares, or the average for stars and CES; <see langword="null"/> without answers.</summary>
    public static double? Headline(FeedbackSummary summary) => summary.Kind switch
    {
        FeedbackKind.Nps => summary.NetPromoterScore,
        FeedbackKind.Csat => summary.SatisfiedPercent,
        FeedbackKind.Thumbs => summary.ThumbsUpPercent,
        _ => summary.Count > 0 ? Math.Round(summary.Average, 2) : null,
    };

    /// <summary>The lowest and highest value the headline can take, so charts of a kind share one scale.</summary>
    public static (double Min, double Max) Scale(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Nps => (-100, 100),
        FeedbackKind.Csat or FeedbackKind.Thumbs => (0, 100),
        _ => (FeedbackLimits.ScaleOf(kind).Min, FeedbackLimits.ScaleOf(kind).Max),
    };

    /// <summary>The headline as staff read it: <c>32.5</c> for NPS, <c>84.2%</c> for shares, <c>4.31</c> for averages.</summary>
    public static string Format(FeedbackKind kind, double value) => kind switch
    {
        FeedbackKind.Nps => value.ToString("0.#", CultureInfo.InvariantCulture),
        FeedbackKind.Csat or FeedbackKind.Thumbs => value.ToString("0.#", CultureInfo.InvariantCulture) + "%",
        _ => value.ToString("0.00", CultureInfo.InvariantCulture),
    };

    public static string Format(FeedbackSummary summary) => Headline(summary) is { } value ? Format(summary.Kind, value) : "no answers";

    public static bool IsSmall(long count, int minimumSample) => count < minimumSample;

    /// <summary>How the period compares with the one before, in words; <see langword="null"/> when either has no answers.</summary>
    public static (int Direction, string Words)? Change(FeedbackSummary current, FeedbackSummary previous)
    {
        if (Headline(current) is not { } now || Headline(previous) is not { } before)
        {
            return null;
        }

        var delta = Math.Round(now - before, current.Kind is FeedbackKind.Stars or FeedbackKind.Ces ? 2 : 1);
        var unit = current.Kind switch
        {
            FeedbackKind.Nps => " points",
            FeedbackKind.Csat or FeedbackKind.Thumbs => " percentage points",
            _ => "",
        };
        var amount = Math.Abs(delta).ToString(current.Kind is FeedbackKind.Stars or FeedbackKind.Ces ? "0.00" : "0.#", CultureInfo.InvariantCulture);
        var was = $"from {Format(current.Kind, before)} in the previous period";
        return delta switch
        {
            > 0 => (1, $"Up {amount}{unit} {was}"),
            < 0 => (-1, $"Down {amount}{unit} {was}"),
            _ => (0, $"No change {was}"),
        };
    }

    /// <summary>Detractors (0-6), passives (7-8) and promoters (9-10) of an NPS distribution.</summary>
    public static (long Detractors, long Passives, long Promoters) NpsGroups(FeedbackSummary summary)
    {
        long detractors = 0, passives = 0, promoters = 0;
        for (var score = 0; score < summary.Distribution.Count; score++)
        {
            var count = summary.Distribution[score];
            if (score <= 6)
            {
                detractors += count;
            }
            else if (score <= 8)
            {
                passives += count;
            }
            else
            {
                promoters += count;
            }
        }

        return (detractors, passives, promoters);
    }

    public static string Percent(long part, long whole) =>
        (whole == 0 ? 0 : 100.0 * part / whole).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    public static string Day(DateOnly day) => day.ToString("d MMM yyyy", CultureInfo.InvariantCulture);

    public static string ShortDay(DateOnly day) => day.ToString("d MMM", CultureInfo.InvariantCulture);

    public static string Count(long count) => count.ToString("N0", CultureInfo.InvariantCulture);
}
