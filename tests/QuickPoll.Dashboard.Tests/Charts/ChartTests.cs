using Bunit;
using QuickPoll.Contracts;
using QuickPoll.Dashboard.Charts;

namespace QuickPoll.Dashboard.Tests.Charts;

/// <summary>The dashboard's SVG charts: geometry for known data, the text alternative that states the figures, and no data.</summary>
public sealed class ChartTests : IDisposable
{
    private readonly BunitContext _context = new();

    public void Dispose() => _context.Dispose();

    private static readonly DateOnly Day1 = new(2026, 11, 1);

    [Fact]
    public void A_trend_line_places_each_day_on_the_scale_and_breaks_at_days_without_answers()
    {
        var chart = _context.Render<TrendLine>(p => p
            .Add(c => c.Days, [Day1, Day1.AddDays(1), Day1.AddDays(2), Day1.AddDays(3), Day1.AddDays(4)])
            .Add(c => c.Values, [0, 100, null, 50, null])
            .Add(c => c.Min, 0).Add(c => c.Max, 100)
            .Add(c => c.Width, 112).Add(c => c.Height, 112)
            .Add(c => c.Name, "CSAT")
            .Add(c => c.Format, (Func<double, string>)(v => $"{v}%")));

        // Inner area 6..106 both ways: x steps by 25, y is 106 at 0 and 6 at 100.
        Assert.Equal("M6,106 L31,6", chart.Find("path.qpd-trend-line").GetAttribute("d"));
        var lone = chart.Find("circle.qpd-trend-point");
        Assert.Equal(("81", "56"), (lone.GetAttribute("cx"), lone.GetAttribute("cy")));
        var svg = chart.Find("svg");
        Assert.Equal("img", svg.GetAttribute("role"));
        const string Expected = "CSAT by day, 1 Nov to 5 Nov: first 0% on 1 Nov, last 50% on 4 Nov, lowest 0% on 1 Nov, highest 100% on 2 Nov; 2 days without answers.";
        Assert.Equal(Expected, svg.GetAttribute("aria-label"));
        Assert.Equal(Expected, chart.Find("title").TextContent);
    }

    [Fact]
    public void A_trend_line_of_nps_draws_the_zero_line_and_keeps_values_on_the_scale()
    {
        var chart = _context.Render<TrendLine>(p => p
            .Add(c => c.Days, [Day1, Day1.AddDays(1)])
            .Add(c => c.Values, [-100, 100])
            .Add(c => c.Min, -100).Add(c => c.Max, 100)
            .Add(c => c.Width, 112).Add(c => c.Height, 112)
            .Add(c => c.Name, "NPS"));

        Assert.Equal("56", chart.Find("line.qpd-chart-zero").GetAttribute("y1"));
        Assert.Equal("M6,106 L106,6", chart.Find("path.qpd-trend-line").GetAttribute("d"));
    }

    [Fact]
    public void A_trend_line_without_answers_says_so_and_draws_no_line()
    {
        var chart = _context.Render<TrendLine>(p => p
            .Add(c => c.Days, [Day1, Day1.AddDays(1)])
            .Add(c => c.Values, [null, null])
            .Add(c => c.Name, "NPS"));

        Assert.Empty(chart.FindAll("path"));
        Assert.Empty(chart.FindAll("circle"));
        Assert.Equal("NPS by day, 1 Nov to 2 Nov: no answers.", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Distribution_bars_are_as_long_as_each_score_share_and_labelled_with_counts()
    {
        var summary = FeedbackSummary.FromDistribution("mug-001", FeedbackKind.Stars, [0, 1, 0, 1, 2]);

        var chart = _context.Render<DistributionBars>(p => p.Add(c => c.Summary, summary).Add(c => c.Width, 340));

        // Bar area: 340 - 56 (labels) - 84 (counts) = 200; five stars on top.
        var bars = chart.FindAll("rect.qpd-bar");
        Assert.Equal(["100", "50", "0", "50", "0"], bars.Select(b => b.GetAttribute("width")));
        var labels = chart.FindAll("text").Select(t => t.TextContent).ToList();
        Assert.Equal(["5 stars", "2 (50%)", "4 stars", "1 (25%)"], labels.Take(4));
        Assert.Equal(
            "Distribution of 4 answers: 5 stars: 2 (50%), 4 stars: 1 (25%), 3 stars: 0 (0%), 2 stars: 1 (25%), 1 star: 0 (0%).",
            chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Compact_distribution_columns_scale_to_the_largest_and_keep_the_full_text_alternative()
    {
        var summary = FeedbackSummary.FromDistribution("*", FeedbackKind.Thumbs, [1, 3]);

        var chart = _context.Render<DistributionBars>(p => p.Add(c => c.Summary, summary).Add(c => c.Compact, true));

        Assert.Equal(["10", "30"], chart.FindAll("rect.qpd-bar").Select(b => b.GetAttribute("height")));
        Assert.Empty(chart.FindAll("text"));
        Assert.Equal("Distribution of 4 answers: Up: 3 (75%), Down: 1 (25%).", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Distribution_bars_without_answers_draw_empty_tracks()
    {
        var chart = _context.Render<DistributionBars>(p => p.Add(c => c.Summary, FeedbackSummary.Empty("*", FeedbackKind.Csat)));

        Assert.All(chart.FindAll("rect.qpd-bar"), b => Assert.Equal("0", b.GetAttribute("width")));
        Assert.Equal("Distribution: no answers.", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_nps_bar_stacks_detractors_passives_and_promoters_and_names_each_share()
    {
        // 2 detractors (0, 6), 1 passive (8), 1 promoter (10).
        var summary = FeedbackSummary.FromDistribution("*", FeedbackKind.Nps, [1, 0, 0, 0, 0, 0, 1, 0, 1, 0, 1]);

        var chart = _context.Render<NpsStackedBar>(p => p.Add(c => c.Summary, summary).Add(c => c.Width, 200));

        var detractors = chart.Find("rect.qpd-detractor");
        var passives = chart.Find("rect.qpd-passive");
        var promoters = chart.Find("rect.qpd-promoter");
        Assert.Equal(("0", "100"), (detractors.GetAttribute("x"), detractors.GetAttribute("width")));
        Assert.Equal(("100", "50"), (passives.GetAttribute("x"), passives.GetAttribute("width")));
        Assert.Equal(("150", "50"), (promoters.GetAttribute("x"), promoters.GetAttribute("width")));
        // Words, not colour alone, say which part is which.
        Assert.Equal(["Detractors 50%", "Passives 25%", "Promoters 25%"], chart.FindAll("text").Select(t => t.TextContent));
        Assert.Equal("NPS -25 from 4 answers: promoters 25% (1), passives 25% (1), detractors 50% (2).", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void The_nps_bar_without_answers_says_so()
    {
        var chart = _context.Render<NpsStackedBar>(p => p.Add(c => c.Summary, FeedbackSummary.Empty("*", FeedbackKind.Nps)));

        Assert.Empty(chart.FindAll("rect.qpd-bar"));
        Assert.Equal("NPS: no answers.", chart.Find("svg").GetAttribute("aria-label"));
    }

    [Fact]
    public void Chart_text_is_encoded_never_markup()
    {
        var chart = _context.Render<TrendLine>(p => p
            .Add(c => c.Days, [Day1])
            .Add(c => c.Values, [1])
            .Add(c => c.Name, "<script>x</script>"));

        Assert.Empty(chart.FindAll("script"));
        Assert.StartsWith("<script>x</script> by day", chart.Find("title").TextContent);
    }
}
