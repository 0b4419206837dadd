namespace QuickPoll.Contracts;

/// <summary>All answers of one kind about one target, summed up.</summary>
/// <param name="Target">What is rated.</param>
/// <param name="Kind">The feedback scale.</param>
/// <param name="Count">How many answers were given.</param>
/// <param name="Average">The mean score, or 0 when there are no answers.</param>
/// <param name="Distribution">
/// How many answers gave each score, from the scale's lowest score to its highest
/// (for stars: index 0 counts one-star answers).
/// </param>
public sealed record FeedbackSummary(string Target, FeedbackKind Kind, long Count, double Average, IReadOnlyList<long> Distribution)
{
    /// <summary>
    /// For NPS: the share of promoters (9-10) minus the share of detractors (0-6), from -100 to 100;
    /// <see langword="null"/> for other kinds or without answers.
    /// </summary>
    public double? NetPromoterScore => Kind == FeedbackKind.Nps && Count > 0
        ? Math.Round(100.0 * (Share(9, 10) - Share(0, 6)), 1)
        : null;

    /// <summary>For CSAT: the percentage of satisfied answers (4 or 5); <see langword="null"/> for other kinds or without answers.</summary>
    public double? SatisfiedPercent => Kind == FeedbackKind.Csat && Count > 0 ? Math.Round(100.0 * Share(4, 5), 1) : null;

    /// <summary>For thumbs: the percentage of thumbs up; <see langword="null"/> for other kinds or without answers.</summary>
    public double? ThumbsUpPercent => Kind == FeedbackKind.Thumbs && Count > 0 ? Math.Round(100.0 * Share(1, 1), 1) : null;

    /// <summary>A summary with no answers yet.</summary>
    /// <param name="target">What is rated.</param>
    /// <param name="kind">The feedback scale.</param>
    /// <returns>A summary whose count, average and distribution are all zero.</returns>
    public static FeedbackSummary Empty(string target, FeedbackKind kind) =>
        new(target, kind, 0, 0, new long[FeedbackLimits.ScaleOf(kind).Length]);

    /// <summary>Builds a summary from the number of answers per score.</summary>
    /// <param name="target">What is rated.</param>
    /// <param name="kind">The feedback scale.</param>
    /// <param name="distribution">Answers per score, from the scale's lowest score up.</param>
    /// <returns>The summary with count and average computed from <paramref name="distribution"/>.</returns>
    public static FeedbackSummary FromDistribution(string target, FeedbackKind kind, IReadOnlyList<long> distribution)
    {
        ArgumentNullException.ThrowIfNull(distribution);
        var scale = FeedbackLimits.ScaleOf(kind);
        long count = 0, total = 0;
        for (var i = 0; i < distribution.Count; i++)
        {
            count += distribution[i];
            total += distribution[i] * (scale.Min + i);
        }

        return new(target, kind, count, count == 0 ? 0 : (double)total / count, distribution);
    }

    // The share of answers with a score from low to high, both inclusive.
    private double Share(int low, int high)
    {
        var min = FeedbackLimits.ScaleOf(Kind).Min;
        long inRange = 0;
        for (var score = low; score <= high; score++)
        {
            var index = score - min;
            if (index >= 0 && index < Distribution.Count)
            {
                inRange += Distribution[index];
            }
        }

        return (double)inRange / Count;
    }
}
