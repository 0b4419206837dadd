using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Insights;

public sealed class SqliteInsightsTests() : InsightsTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlInsightsTests() : InsightsTests(QuickPollStorageProvider.PostgreSql);

/// <summary>The dashboard's figures for a date range, fed by an import of dated answers.</summary>
public abstract class InsightsTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset Week = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    private static ImportedAnswer Nps(int score, int day, string segment = "returning", string target = "mug-001") =>
        new(target, FeedbackKind.Nps, score, Week.AddDays(day).AddHours(10)) { Segment = segment, JourneyStage = JourneyStage.AfterPurchase };

    private async Task ImportAsync(params ImportedAnswer[] answers) =>
        Assert.Equal(answers.Length, (await Factory.CreateAdminSdk().ImportAsync(new FeedbackImport { Answers = answers })).Answers);

    [Fact]
    public async Task The_overview_compares_a_week_with_the_week_before_and_draws_each_day()
    {
        await ImportAsync(
            // The week before: two detractors, one promoter.
            Nps(2, -3), Nps(5, -1), Nps(10, -2),
            // The week: three promoters, one passive, no detractor; nothing on days 1, 3-5.
            Nps(10, 0), Nps(9, 0), Nps(8, 2), Nps(9, 6),
            // After the week: not counted.
            Nps(0, 7),
            new ImportedAnswer("mug-001", FeedbackKind.Stars, 4, Week.AddDays(1)),
            new ImportedAnswer("mug-001", FeedbackKind.Stars, 5, Week.AddDays(1)));

        var overview = await Factory.CreateAdminSdk().GetInsightsAsync(Week, Week.AddDays(7));

        var nps = overview.Kinds.Single(k => k.Kind == FeedbackKind.Nps);
        Assert.Equal(4, nps.Current.Count);
        Assert.Equal(75.0, nps.Current.NetPromoterScore);
        Assert.Equal(3, nps.Previous.Count);
        Assert.Equal(-33.3, nps.Previous.NetPromoterScore);
        Assert.Equal(7, nps.Trend.Count);
        Assert.Equal(new DateOnly(2026, 10, 1), nps.Trend[0].Day);
        Assert.Equal([2L, 0, 1, 0, 0, 0, 1], nps.Trend.Select(p => p.Summary.Count));
        var stars = overview.Kinds.Single(k => k.Kind == FeedbackKind.Stars);
        Assert.Equal(4.5, stars.Current.Average);
        Assert.Equal(2, stars.Trend[1].Summary.Count);
        Assert.Equal(0, overview.Kinds.Single(k => k.Kind == FeedbackKind.Ces).Current.Count);
        Assert.Equal(30, overview.MinimumSample);
    }

    [Fact]
    public async Task A_product_overview_counts_only_that_product()
    {
        await ImportAsync(Nps(10, 0), Nps(1, 1, target: "tee-002"), Nps(2, 2, target: "tee-002"));

        var overview = await Factory.CreateAdminSdk().GetInsightsAsync(Week, Week.AddDays(7), target: "tee-002");

        var nps = overview.Kinds.Single(k => k.Kind == FeedbackKind.Nps);
        Assert.Equal(2, nps.Current.Count);
        Assert.Equal(-100.0, nps.Current.NetPromoterScore);
        Assert.Equal("tee-002", overview.Target);
    }

    [Fact]
    public async Task Breakdowns_put_segments_and_products_side_by_side_with_their_counts()
    {
        await ImportAsync(
            Nps(10, 0, "returning"), Nps(9, 1, "returning"), Nps(9, 2, "returning"),
            Nps(3, 0, "first-time", "tee-002"), Nps(10, 5, "first-time", "tee-002"),
            Nps(0, 10, "business"));
        var admin = Factory.CreateAdminSdk();

        var bySegment = await admin.GetInsightsBreakdownAsync(FeedbackKind.Nps, "segment", Week, Week.AddDays(7));
        var byProduct = await admin.GetInsightsBreakdownAsync(FeedbackKind.Nps, "target", Week, Week.AddDays(7));

        Assert.Equal(["returning", "first-time"], bySegment.Groups.Select(g => g.Value));
        Assert.Equal([3L, 2], bySegment.Groups.Select(g => g.Summary.Count));
        Assert.Equal(100.0, bySegment.Groups[0].Summary.NetPromoterScore);
        Assert.Equal(0.0, bySegment.Groups[1].Summary.NetPromoterScore);
        Assert.Equal(["mug-001", "tee-002"], byProduct.Groups.Select(g => g.Value));
        Assert.Equal("tee-002", byProduct.Groups[1].Summary.Target);
    }

    [Fact]
    public async Task Erasing_a_visitor_takes_their_answer_out_of_the_figures_at_once()
    {
        await ImportAsync(Nps(0, 1) with { VisitorId = "visitor-gone-abcdef" }, Nps(10, 1));
        var admin = Factory.CreateAdminSdk();

        await admin.EraseVisitorAsync("visitor-gone-abcdef");

        var nps = (await admin.GetInsightsAsync(Week, Week.AddDays(7))).Kinds.Single(k => k.Kind == FeedbackKind.Nps);
        Assert.Equal(1, nps.Current.Count);
        Assert.Equal(100.0, nps.Current.NetPromoterScore);
    }

    [Theory]
    [InlineData("?from=2026-10-08T00:00:00Z&to=2026-10-01T00:00:00Z", "to")]
    [InlineData("?from=2024-01-01T00:00:00Z&to=2026-01-01T00:00:00Z", "from")]
    [InlineData("?from=yesterday", "from")]
    [InlineData("?target=%01", "target")]
    [InlineData("/breakdown?kind=stars&by=colour", "by")]
    [InlineData("/breakdown?kind=smiles&by=segment", "kind")]
    [InlineData("/breakdown?by=segment", "kind")]
    public async Task A_bad_range_or_grouping_is_a_problem_naming_the_field(string query, string field)
    {
        using var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);

        using var response = await client.GetAsync(new Uri("/api/v1/admin/insights" + query, UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains($"\"{field}\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Insights_need_the_admin_key()
    {
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk("not-the-key-0123456789").GetInsightsAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
