using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using QuickPoll.Client;
using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Server.Tests.Answers;

public sealed class SqliteAnswerEndpointsTests() : AnswerEndpointsTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlAnswerEndpointsTests() : AnswerEndpointsTests(QuickPollStorageProvider.PostgreSql);

public abstract class AnswerEndpointsTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task A_submitted_rating_is_in_the_summary_returned_and_read_back_through_the_sdk()
    {
        var sdk = Factory.CreateSdk();

        var receipt = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));
        var summary = await sdk.GetSummaryAsync("mug-001");

        Assert.True(receipt.AnswerId > 0);
        Assert.Equal(1, receipt.Summary.Count);
        Assert.Equal(4.0, receipt.Summary.Average);
        Assert.Equal(receipt.Summary.Count, summary.Count);
        Assert.Equal(receipt.Summary.Average, summary.Average);
        Assert.Equal([0L, 0L, 0L, 1L, 0L], summary.Distribution);
    }

    [Fact]
    public async Task A_target_nobody_rated_has_an_empty_summary()
    {
        var summary = await Factory.CreateSdk().GetSummaryAsync("never-rated");

        Assert.Equal(0, summary.Count);
        Assert.Equal(0.0, summary.Average);
        Assert.Equal(5, summary.Distribution.Count);
    }

    [Fact]
    public async Task Targets_and_kinds_are_counted_apart()
    {
        var sdk = Factory.CreateSdk();

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("a", 5));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("b", 1));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("a", 9) { Kind = FeedbackKind.Nps });

        Assert.Equal(5.0, (await sdk.GetSummaryAsync("a")).Average);
        Assert.Equal(1.0, (await sdk.GetSummaryAsync("b")).Average);
        var nps = await sdk.GetSummaryAsync("a", FeedbackKind.Nps);
        Assert.Equal(1, nps.Count);
        Assert.Equal(11, nps.Distribution.Count);
        Assert.Equal(1, nps.Distribution[9]);
    }

    [Fact]
    public async Task Many_concurrent_ratings_give_an_exact_count_average_and_distribution()
    {
        var sdk = Factory.CreateSdk();
        const int perScore = 40;
        var scores = Enumerable.Range(1, 5).SelectMany(score => Enumerable.Repeat(score, perScore)).ToArray();

        var receipts = await Task.WhenAll(scores.Select(score => sdk.SubmitAnswerAsync(new SubmitAnswerRequest("busy", score))));
        var summary = await sdk.GetSummaryAsync("busy");

        Assert.Equal(scores.Length, receipts.Select(r => r.AnswerId).Distinct().Count());
        Assert.Equal(scores.Length, summary.Count);
        Assert.Equal(3.0, summary.Average, 10);
        Assert.All(summary.Distribution, count => Assert.Equal(perScore, count));
        // The last acknowledged receipt already counts every answer committed before it.
        Assert.Equal(scores.Length, receipts.Max(r => r.Summary.Count));
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_returns_the_first_receipt_and_counts_once()
    {
        var client = Factory.CreateClient();

        async Task<AnswerReceipt> Send(int score)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/answers")
            {
                Content = JsonContent.Create(new SubmitAnswerRequest("idem", score), QuickPollJsonContext.Default.SubmitAnswerRequest),
            };
            message.Headers.Add("Idempotency-Key", "order-42-rating");
            using var response = await client.SendAsync(message);
            response.EnsureSuccessStatusCode();
            return (await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.AnswerReceipt))!;
        }

        var first = await Send(5);
        var again = await Send(5);

        Assert.Equal(first, again with { Summary = first.Summary });
        Assert.Equal(first.Summary.Distribution, again.Summary.Distribution);
        Assert.Equal(1, (await Factory.CreateSdk().GetSummaryAsync("idem")).Count);
    }

    [Fact]
    public async Task Ratings_survive_a_restart_of_the_endpoint()
    {
        await Factory.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("durable", 2));
        await Factory.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("durable", 5));
        await Factory.DisposeAsync();

        using var restarted = new QuickPollServerFactory(Database);
        var summary = await restarted.CreateSdk().GetSummaryAsync("durable");

        Assert.Equal(2, summary.Count);
        Assert.Equal(3.5, summary.Average);
    }

    public static TheoryData<string, string, string> InvalidBodies => new()
    {
        { "score 0", """{"target":"mug-001","score":0}""", "score" },
        { "score 6", """{"target":"mug-001","score":6}""", "score" },
        { "missing target", """{"score":4}""", "target" },
        { "blank target", """{"target":"   ","score":4}""", "target" },
        { "target too long", $$"""{"target":"{{new string('x', FeedbackLimits.MaxTargetLength + 1)}}","score":4}""", "target" },
        { "score as text", """{"target":"mug-001","score":"four"}""", "score" },
        { "unknown kind", """{"target":"mug-001","score":4,"kind":"smileys"}""", "kind" },
        { "nps out of range", """{"target":"mug-001","score":11,"kind":"nps"}""", "score" },
        { "not JSON", "this is not json", "body" },
        { "JSON null", "null", "body" },
        { "JSON array", "[1,2,3]", "body" },
        { "truncated JSON", """{"target":"mug-001","sco""", "body" },
    };

    [Theory]
    [MemberData(nameof(InvalidBodies))]
    public async Task Bad_input_gets_a_problem_naming_the_field_and_stores_nothing(string because, string body, string field)
    {
        var client = Factory.CreateClient();
        var before = await Factory.CreateSdk().GetSummaryAsync("mug-001");

        using var response = await client.PostAsync("/api/v1/answers", new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{because}: got {(int)response.StatusCode}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"{because}: errors should name '{field}'");
        Assert.Equal(before.Count, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_one_megabyte_body_is_refused_with_413()
    {
        var client = Factory.CreateClient();
        var huge = $$"""{"target":"mug-001","score":4,"padding":"{{new string('x', 1024 * 1024)}}"}""";

        using var response = await client.PostAsync("/api/v1/answers", new StringContent(huge, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_large_body_without_a_length_is_refused_while_reading()
    {
        var client = Factory.CreateClient();
        var huge = Encoding.UTF8.GetBytes($$"""{"target":"mug-001","score":4,"padding":"{{new string('x', 200_000)}}"}""");
        using var content = new StreamContent(new MemoryStream(huge));
        content.Headers.ContentType = new("application/json");
        using var message = new HttpRequestMessage(HttpMethod.Post, "/api/v1/answers") { Content = content };
        message.Headers.TransferEncodingChunked = true;

        using var response = await client.SendAsync(message);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_body_that_is_not_json_content_gets_415()
    {
        var client = Factory.CreateClient();

        using var response = await client.PostAsync("/api/v1/answers", new StringContent("target=mug-001&score=4", Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Theory]
    [InlineData("/api/v1/summaries", "target")]
    [InlineData("/api/v1/summaries?target=", "target")]
    [InlineData("/api/v1/summaries?target=mug-001&kind=smileys", "kind")]
    public async Task A_bad_summary_query_gets_a_problem_naming_the_parameter(string url, string field)
    {
        using var response = await Factory.CreateClient().GetAsync(url);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task The_sdk_surfaces_a_rejected_rating_as_a_problem_naming_the_field()
    {
        var sdk = Factory.CreateSdk();

        var exception = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 6)));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Contains("score", exception.Errors.Keys);
    }
}
