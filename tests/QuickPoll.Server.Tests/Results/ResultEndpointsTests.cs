using System.Net;
using System.Text;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Results;

public sealed class SqliteResultEndpointsTests() : ResultEndpointsTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlResultEndpointsTests() : ResultEndpointsTests(QuickPollStorageProvider.PostgreSql);

public abstract class ResultEndpointsTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private async Task Seed()
    {
        var sdk = Factory.CreateSdk();
        // NPS: returning customers promote, first-timers detract.
        foreach (var (score, segment, target) in new[]
        {
            (10, "returning", "mug-001"), (9, "returning", "mug-001"), (9, "returning", "tee-002"),
            (3, "first-time", "mug-001"), (6, "first-time", "tee-002"), (8, "first-time", "tee-002"),
        })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest(target, score) { Kind = FeedbackKind.Nps, Segment = segment, JourneyStage = JourneyStage.AfterPurchase });
        }
    }

    [Fact]
    public async Task Nps_for_every_product_is_promoters_minus_detractors()
    {
        await Seed();

        var results = await Factory.CreateAdminSdk().GetResultsAsync(kind: FeedbackKind.Nps);

        Assert.Equal(6, results.Overall.Count);
        // 3 promoters, 2 detractors, 1 passive of 6: 50% - 33.3% = 16.7
        Assert.Equal(16.7, results.Overall.NetPromoterScore);
        Assert.Empty(results.Groups);
    }

    [Fact]
    public async Task Results_break_down_by_segment_and_by_product_with_their_counts()
    {
        await Seed();
        var admin = Factory.CreateAdminSdk();

        var bySegment = await admin.GetResultsAsync(kind: FeedbackKind.Nps, breakdown: "segment");
        var byProduct = await admin.GetResultsAsync(kind: FeedbackKind.Nps, breakdown: "target");
        var mugBySegment = await admin.GetResultsAsync("mug-001", FeedbackKind.Nps, "segment");

        Assert.Equal(["first-time", "returning"], bySegment.Groups.Select(g => g.Value).Order());
        Assert.Equal(100.0, bySegment.Groups.Single(g => g.Value == "returning").Summary.NetPromoterScore);
        Assert.Equal(-66.7, bySegment.Groups.Single(g => g.Value == "first-time").Summary.NetPromoterScore);
        Assert.Equal(3, byProduct.Groups.Single(g => g.Value == "tee-002").Summary.Count);
        Assert.Equal(3, mugBySegment.Overall.Count);
        Assert.Equal(1, mugBySegment.Groups.Single(g => g.Value == "first-time").Summary.Count);
    }

    [Fact]
    public async Task Csat_and_thumbs_report_their_headline_shares()
    {
        var sdk = Factory.CreateSdk();
        foreach (var score in new[] { 5, 4, 2, 1 })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("checkout", score) { Kind = FeedbackKind.Csat });
        }

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("faq", 1) { Kind = FeedbackKind.Thumbs });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("faq", 0) { Kind = FeedbackKind.Thumbs });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("faq", 1) { Kind = FeedbackKind.Thumbs });

        Assert.Equal(50.0, (await sdk.GetSummaryAsync("checkout", FeedbackKind.Csat)).SatisfiedPercent);
        Assert.Equal(66.7, (await sdk.GetSummaryAsync("faq", FeedbackKind.Thumbs)).ThumbsUpPercent);
    }

    [Fact]
    public async Task The_export_lists_every_answer_of_the_range_with_its_context()
    {
        var before = DateTimeOffset.UtcNow.AddMinutes(-1);
        await Seed();

        var all = await Factory.CreateAdminSdk().ExportAnswersAsync(before, DateTimeOffset.UtcNow.AddMinutes(1));
        var none = await Factory.CreateAdminSdk().ExportAnswersAsync(DateTimeOffset.UtcNow.AddDays(-3), DateTimeOffset.UtcNow.AddDays(-2));
        var mug = await Factory.CreateAdminSdk().ExportAnswersAsync(target: "mug-001");

        Assert.Equal(6, all.Count);
        Assert.All(all, a => Assert.Equal(JourneyStage.AfterPurchase, a.JourneyStage));
        Assert.Equal([10, 9, 9, 3, 6, 8], all.Select(a => a.Score));
        Assert.Empty(none);
        Assert.Equal(3, mug.Count);
    }

    [Fact]
    public async Task The_csv_export_opens_in_a_spreadsheet_and_neutralises_formulas()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("=HYPERLINK(\"http://evil\")", 5) { Segment = "+cmd", Touchpoint = "a,b" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { Segment = "klient zagraniczny, żółw" });

        await using var stream = await Factory.CreateAdminSdk().ExportAnswersCsvAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.StartsWith("id,target,kind,score,created_at", lines[0], StringComparison.Ordinal);
        Assert.Equal(3, lines.Length);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\")\"", lines[1], StringComparison.Ordinal);
        Assert.Contains(",'+cmd,", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"a,b\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("\"klient zagraniczny, żółw\"", lines[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_csv_export_neutralises_formulas_behind_spaces_and_in_full_width_forms()
    {
        var sdk = Factory.CreateSdk();
        foreach (var target in new[] { "  =1+2", "\uFF1D1+2", " \uFF20SUM(A1)", "plain mug" })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest(target, 4));
        }

        await using var stream = await Factory.CreateAdminSdk().ExportAnswersCsvAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var targets = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Skip(1).Select(l => l.Split(',')[1]).ToList();

        Assert.Equal(["'  =1+2", "'\uFF1D1+2", "' \uFF20SUM(A1)", "plain mug"], targets);
    }

    [Fact]
    public async Task The_csv_is_a_download_that_starts_with_a_byte_order_mark()
    {
        await Factory.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);

        using var response = await client.GetAsync("/api/v1/admin/answers?format=csv", HttpCompletionOption.ResponseHeadersRead);
        var bytes = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
    }

    [Theory]
    [InlineData("/api/v1/admin/results?breakdown=colour", "breakdown")]
    [InlineData("/api/v1/admin/results?kind=smileys", "kind")]
    [InlineData("/api/v1/admin/answers?format=xml", "format")]
    [InlineData("/api/v1/admin/answers?from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to")]
    public async Task A_bad_results_query_gets_a_problem_naming_the_parameter(string url, string field)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);

        using var response = await client.GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task Results_and_exports_need_the_admin_key()
    {
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk("wrong-key-wrong-key").ExportAnswersAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
