using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Privacy;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Idempotency;

public sealed class SqliteIdempotencyKeyTests() : IdempotencyKeyTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlIdempotencyKeyTests() : IdempotencyKeyTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// <c>Idempotency-Key</c> as the IETF httpapi draft describes it, over HTTP: scoped to the site and the operation, bound to
/// the request, claimed only by a write that commits, gone with an erased visitor, and expiring.
/// </summary>
public abstract class IdempotencyKeyTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Concurrent_repeats_of_a_vote_for_an_unknown_poll_are_all_refused_and_leave_the_key_and_the_writer_free()
    {
        var client = Factory.CreateClient();
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Poll());

        var refused = await Task.WhenAll(Enumerable.Range(0, 6).Select(_ => Send(client, "/api/v1/polls/no-such-poll/votes", """{"choiceIds":["price"]}""", "burst-1")))
            .WaitAsync(Patience);
        Assert.All(refused, r => Assert.Equal(HttpStatusCode.NotFound, r.Status));
        Assert.All(refused, r => Assert.Contains("pollId", r.Body, StringComparison.Ordinal));

        // The refusal claimed nothing: the key now serves another vote, and every kind of write still goes through.
        var vote = await Send(client, $"/api/v1/polls/{poll.Id}/votes", """{"choiceIds":["price"]}""", "burst-1").WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, vote.Status);
        var answer = await Send(client, "/api/v1/answers", """{"target":"mug-001","score":4}""", "burst-2").WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, answer.Status);
        Assert.Equal(1, (await Factory.CreateSdk().GetPollResultsAsync(poll.Id)).Voters);
    }

    [Fact]
    public async Task Concurrent_repeats_of_one_answer_all_get_its_receipt_and_it_counts_once()
    {
        var client = Factory.CreateClient();

        var sent = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            // The same request, however its JSON is spaced or ordered.
            Send(client, "/api/v1/answers", i % 2 == 0 ? """{"target":"mug-001","score":4}""" : """{ "score": 4, "target": "mug-001" }""", "same-answer")))
            .WaitAsync(Patience);

        Assert.All(sent, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Single(sent.Select(r => Receipt(r).AnswerId).Distinct());
        Assert.Equal(1, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task The_same_key_with_another_body_is_refused_with_422_naming_the_header_and_stores_nothing()
    {
        var client = Factory.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Send(client, "/api/v1/answers", """{"target":"mug-001","score":5}""", "key-1")).Status);

        var reused = await Send(client, "/api/v1/answers", """{"target":"mug-001","score":1}""", "key-1");
        var elsewhere = await Send(client, "/api/v1/answers", """{"target":"tee-002","score":5}""", "key-1");

        foreach (var refusal in new[] { reused, elsewhere })
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, refusal.Status);
            Assert.Equal("application/problem+json", refusal.ContentType);
            using var problem = JsonDocument.Parse(refusal.Body);
            Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("Idempotency-Key", out _), refusal.Body);
        }

        var summary = await Factory.CreateSdk().GetSummaryAsync("mug-001");
        Assert.Equal(1, summary.Count);
        Assert.Equal(5.0, summary.Average);
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("tee-002")).Count);
    }

    [Fact]
    public async Task In_one_group_the_same_key_with_another_body_is_refused_and_the_first_is_stored()
    {
        var client = Factory.CreateClient();

        var sent = await Task.WhenAll(Enumerable.Range(1, 5).Select(score =>
            Send(client, "/api/v1/answers", $$"""{"target":"mug-001","score":{{score}}}""", "raced"))).WaitAsync(Patience);

        var stored = Assert.Single(sent, r => r.Status == HttpStatusCode.OK);
        Assert.All(sent.Where(r => r != stored), r => Assert.Equal(HttpStatusCode.UnprocessableEntity, r.Status));
        var summary = await Factory.CreateSdk().GetSummaryAsync("mug-001");
        Assert.Equal(1, summary.Count);
        Assert.Equal(Receipt(stored).Summary.Average, summary.Average);
    }

    [Fact]
    public async Task A_key_belongs_to_its_site_so_two_sites_may_send_the_same_one()
    {
        var admin = Factory.CreateAdminSdk();
        var mugs = await admin.CreateSiteAsync(new SiteDefinition("Mug shop", ["https://mugs.example"]));
        var tees = await admin.CreateSiteAsync(new SiteDefinition("Tee shop", ["https://tees.example"]));
        var client = Factory.CreateClient();

        var fromMugs = await Send(client, "/api/v1/answers", """{"target":"mug-001","score":5}""", "checkout-1", mugs.PublicKey);
        var fromTees = await Send(client, "/api/v1/answers", """{"target":"tee-002","score":2}""", "checkout-1", tees.PublicKey);
        var fromNoSite = await Send(client, "/api/v1/answers", """{"target":"cap-003","score":3}""", "checkout-1");

        Assert.All(new[] { fromMugs, fromTees, fromNoSite }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        Assert.Equal("tee-002", Receipt(fromTees).Summary.Target);
        Assert.Equal(3, new[] { fromMugs, fromTees, fromNoSite }.Select(r => Receipt(r).AnswerId).Distinct().Count());
        var sdk = Factory.CreateSdk();
        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(1, (await sdk.GetSummaryAsync("tee-002")).Count);
        Assert.Equal(1, (await sdk.GetSummaryAsync("cap-003")).Count);

        // Each site's repeat still finds its own receipt.
        var again = await Send(client, "/api/v1/answers", """{"target":"tee-002","score":2}""", "checkout-1", tees.PublicKey);
        Assert.Equal(Receipt(fromTees).AnswerId, Receipt(again).AnswerId);
        Assert.Equal(1, (await sdk.GetSummaryAsync("tee-002")).Count);
    }

    [Fact]
    public async Task A_key_belongs_to_its_operation_so_an_answer_and_a_vote_may_share_one()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Poll());
        var client = Factory.CreateClient();

        var answer = await Send(client, "/api/v1/answers", """{"target":"mug-001","score":5}""", "page-7");
        var vote = await Send(client, $"/api/v1/polls/{poll.Id}/votes", """{"choiceIds":["quality"]}""", "page-7");
        var comment = await Send(client, "/api/v1/comments", """{"target":"mug-001","text":"Lovely mug."}""", "page-7");

        Assert.All(new[] { answer, vote, comment }, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var sdk = Factory.CreateSdk();
        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(1, (await sdk.GetPollResultsAsync(poll.Id)).Voters);
        Assert.Single((await sdk.GetCommentsAsync("mug-001")).Items);
    }

    [Fact]
    public async Task Once_a_visitor_is_erased_their_key_no_longer_returns_what_was_erased()
    {
        var client = Factory.CreateClient();
        const string Body = """{"target":"mug-001","score":5,"visitorId":"visitor-0001"}""";
        var first = await Send(client, "/api/v1/answers", Body, "visitor-key");
        Assert.Equal(HttpStatusCode.OK, first.Status);

        await Factory.CreateAdminSdk().EraseVisitorAsync("visitor-0001");
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
        Assert.Equal(0L, Rows("SELECT COUNT(*) FROM idempotency_receipts;"));

        // Sent again, it is a new answer: stored and counted, not the erased one's receipt.
        var again = await Send(client, "/api/v1/answers", Body, "visitor-key");
        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(1, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_key_expires_after_its_lifetime_and_the_hourly_sweep_removes_it()
    {
        var clock = new ManualClock(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));
        var host = Factory.WithClock(clock, o => o.IdempotencyKeyLifetime = TimeSpan.FromHours(2));
        var client = host.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await Send(client, "/api/v1/answers", """{"target":"mug-001","score":5}""", "old-key")).Status);

        clock.Jump(TimeSpan.FromMinutes(119));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Send(client, "/api/v1/answers", """{"target":"mug-001","score":1}""", "old-key")).Status);

        clock.Jump(TimeSpan.FromMinutes(2));
        var reused = await Send(client, "/api/v1/answers", """{"target":"mug-001","score":1}""", "old-key");
        Assert.Equal(HttpStatusCode.OK, reused.Status);
        Assert.Equal(2, Receipt(reused).Summary.Count);

        clock.Jump(TimeSpan.FromHours(3));
        var swept = await host.Services.GetRequiredService<RetentionService>().SweepReceiptsAsync(CancellationToken.None);
        Assert.Equal(1, swept);
        Assert.Equal(0L, Rows("SELECT COUNT(*) FROM idempotency_receipts;"));
    }

    [Fact]
    public async Task A_refused_vote_leaves_its_key_for_the_corrected_retry()
    {
        var client = Factory.CreateClient();
        var refused = await Send(client, "/api/v1/polls/not-yet/votes", """{"choiceIds":["price"]}""", "fix-and-retry");
        Assert.Equal(HttpStatusCode.NotFound, refused.Status);

        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Poll());
        var fixedVote = await Send(client, $"/api/v1/polls/{poll.Id}/votes", """{"choiceIds":["price"]}""", "fix-and-retry");
        Assert.Equal(HttpStatusCode.OK, fixedVote.Status);
        Assert.Equal(1, (await Factory.CreateSdk().GetPollResultsAsync(poll.Id)).Voters);
    }

    private long Rows(string sql) => Factory.Services.GetRequiredService<Database>().Read(query =>
    {
        using var reader = query(sql);
        reader.Read();
        return Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    });

    private static AnswerReceipt Receipt(Sent sent) => JsonSerializer.Deserialize(sent.Body, QuickPollJsonContext.Default.AnswerReceipt)!;

    internal static async Task<Sent> Send(HttpClient client, string path, string json, string key, string? siteKey = null)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        message.Headers.Add("Idempotency-Key", key);
        if (siteKey is not null)
        {
            message.Headers.Add("X-QuickPoll-Site", siteKey);
        }

        using var response = await client.SendAsync(message);
        return new Sent(response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    internal sealed record Sent(HttpStatusCode Status, string? ContentType, string Body);

    private static PollDefinition Poll() => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ]);
}
