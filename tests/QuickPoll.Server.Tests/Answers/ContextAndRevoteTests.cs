using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Answers;

public sealed class SqliteContextAndRevoteTests() : ContextAndRevoteTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlContextAndRevoteTests() : ContextAndRevoteTests(QuickPollStorageProvider.PostgreSql);

public abstract class ContextAndRevoteTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task A_second_answer_by_the_same_visitor_replaces_the_first()
    {
        var sdk = Factory.CreateSdk();

        var first = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1) { VisitorId = "visitor-aaaa" });
        var second = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = "visitor-aaaa" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 3) { VisitorId = "visitor-bbbb" });

        var summary = await sdk.GetSummaryAsync("mug-001");
        Assert.Equal(first.AnswerId, second.AnswerId);
        Assert.Equal(2, summary.Count);
        Assert.Equal(4.0, summary.Average);
        Assert.Equal([0L, 0L, 1L, 0L, 1L], summary.Distribution);
    }

    [Fact]
    public async Task A_visitor_can_answer_each_target_and_kind_once_each()
    {
        var sdk = Factory.CreateSdk();

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = "visitor-aaaa" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("tee-002", 2) { VisitorId = "visitor-aaaa" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 9) { VisitorId = "visitor-aaaa", Kind = FeedbackKind.Nps });

        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(1, (await sdk.GetSummaryAsync("tee-002")).Count);
        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Nps)).Count);
    }

    [Fact]
    public async Task Answers_without_a_visitor_id_each_count()
    {
        var sdk = Factory.CreateSdk();

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));

        Assert.Equal(2, (await sdk.GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task Concurrent_re_votes_by_many_visitors_leave_one_answer_each()
    {
        var sdk = Factory.CreateSdk();
        var visitors = Enumerable.Range(0, 30).Select(i => $"visitor-{i:0000}").ToArray();

        // Each visitor votes 1, then 2, then 5: only the last counts.
        foreach (var score in new[] { 1, 2, 5 })
        {
            await Task.WhenAll(visitors.Select(v => sdk.SubmitAnswerAsync(new SubmitAnswerRequest("busy", score) { VisitorId = v })));
        }

        var summary = await sdk.GetSummaryAsync("busy");
        Assert.Equal(visitors.Length, summary.Count);
        Assert.Equal(5.0, summary.Average);
    }

    [Fact]
    public async Task A_summary_can_be_narrowed_to_one_segment_stage_touchpoint_or_locale()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { Segment = "returning", JourneyStage = JourneyStage.AfterPurchase, Touchpoint = "product-page", Locale = "pl-PL" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1) { Segment = "first-time", JourneyStage = JourneyStage.Discovery, Touchpoint = "product-page", Locale = "en" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 3));

        Assert.Equal(3, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(5.0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "returning" })).Average);
        Assert.Equal(1.0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "first-time" })).Average);
        Assert.Equal(5.0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { JourneyStage = JourneyStage.AfterPurchase })).Average);
        Assert.Equal(2, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Touchpoint = "product-page" })).Count);
        Assert.Equal(1.0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Locale = "en" })).Average);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "b2b" })).Count);
    }

    [Fact]
    public async Task A_re_vote_moves_the_answer_to_its_new_context()
    {
        var sdk = Factory.CreateSdk();

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { VisitorId = "visitor-aaaa", Segment = "first-time" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = "visitor-aaaa", Segment = "returning" });

        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "first-time" })).Count);
        Assert.Equal(4.0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "returning" })).Average);
    }

    public static TheoryData<string, string> InvalidContext => new()
    {
        { """{"target":"t","score":4,"visitorId":"short"}""", "visitorId" },
        { """{"target":"t","score":4,"visitorId":"has spaces in it"}""", "visitorId" },
        { """{"target":"t","score":4,"segment":""}""", "segment" },
        { $$"""{"target":"t","score":4,"segment":"{{new string('s', 65)}}"}""", "segment" },
        { """{"target":"t","score":4,"journeyStage":"checkout"}""", "journeyStage" },
        { """{"target":"t","score":4,"touchpoint":"a\u0000b"}""", "touchpoint" },
        { """{"target":"t","score":4,"locale":"not a locale"}""", "locale" },
        { """{"target":"t","score":4,"pagePath":"https://elsewhere.example/x"}""", "pagePath" },
        { """{"target":"t","score":4,"pagePath":"//elsewhere.example/x"}""", "pagePath" },
    };

    [Theory]
    [MemberData(nameof(InvalidContext))]
    public async Task Bad_context_gets_a_problem_naming_the_field(string body, string field)
    {
        using var response = await Factory.CreateClient().PostAsync("/api/v1/answers", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("t")).Count);
    }

    [Fact]
    public async Task Filtering_by_two_contexts_at_once_is_refused()
    {
        using var response = await Factory.CreateClient().GetAsync("/api/v1/summaries?target=t&segment=a&locale=en");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(problem.GetProperty("errors").TryGetProperty("filter", out _));
    }
}
