namespace QuickPoll.Contracts.Tests;

public sealed class FeedbackSummaryTests
{
    [Fact]
    public void Count_and_average_come_from_the_distribution()
    {
        // 2 x 3 stars, 1 x 5 stars
        var summary = FeedbackSummary.FromDistribution("sku", FeedbackKind.Stars, [0, 0, 2, 0, 1]);

        Assert.Equal(3, summary.Count);
        Assert.Equal(11.0 / 3, summary.Average, 12);
    }

    [Fact]
    public void A_scale_starting_at_zero_weighs_its_first_bucket_as_zero()
    {
        var summary = FeedbackSummary.FromDistribution("sku", FeedbackKind.Nps, [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);

        Assert.Equal(5.0, summary.Average);
    }

    [Fact]
    public void An_empty_summary_has_one_zero_bucket_per_score()
    {
        var summary = FeedbackSummary.Empty("sku", FeedbackKind.Ces);

        Assert.Equal(0, summary.Count);
        Assert.Equal(0.0, summary.Average);
        Assert.Equal(7, summary.Distribution.Count);
        Assert.All(summary.Distribution, c => Assert.Equal(0, c));
    }
}
