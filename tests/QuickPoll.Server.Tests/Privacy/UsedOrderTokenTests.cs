using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Privacy;

public sealed class SqliteUsedOrderTokenTests() : UsedOrderTokenTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlUsedOrderTokenTests() : UsedOrderTokenTests(QuickPollStorageProvider.PostgreSql);

/// <summary>A used order token is stored as a keyed hash of the order id with its expiry, and kept no longer than it can be used.</summary>
public abstract class UsedOrderTokenTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset Start = new(2026, 3, 2, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task A_used_token_keeps_no_order_id_but_is_still_accepted_only_once()
    {
        var sdk = Factory.CreateSdk();
        var expires = DateTimeOffset.UtcNow.AddDays(14);
        var token = OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, "order-5551", "mug-001", expires);

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { OrderToken = token });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Good.") { OrderToken = token });
        var again = await Factory.CreateClient().PostAsJsonAsync("/api/v1/answers", new { target = "mug-001", score = 4, visitorId = "visitor-other", orderToken = token });

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        var rows = Rows("SELECT order_hash, expires_at FROM used_order_tokens;");
        Assert.Equal(2, rows.Count);
        Assert.All(rows, row =>
        {
            Assert.DoesNotContain("5551", row[0], StringComparison.Ordinal);
            Assert.Equal(64, row[0].Length);
            Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()), DateTimeOffset.Parse(row[1], CultureInfo.InvariantCulture));
        });
    }

    [Fact]
    public async Task Concurrent_answers_with_one_token_are_verified_once()
    {
        var client = Factory.CreateClient();
        var token = OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, "order-race", "mug-001", DateTimeOffset.UtcNow.AddDays(1));

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            client.PostAsJsonAsync("/api/v1/answers", new { target = "mug-001", score = 5, visitorId = $"visitor-race-{i:D2}", orderToken = token })));

        Assert.Equal(1, responses.Count(r => r.StatusCode == HttpStatusCode.OK));
        Assert.Equal(11, responses.Count(r => r.StatusCode == HttpStatusCode.Conflict));
        Assert.Single(Rows("SELECT used_by FROM used_order_tokens;"));
    }

    [Fact]
    public async Task A_used_token_is_swept_after_its_expiry_even_without_a_retention_period()
    {
        var clock = new ManualClock(Start);
        var host = Factory.WithClock(clock);
        var sdk = host.Sdk();
        await PrivacyHosts.WaitUntil(() => clock.WaitingTimers > 0, "the start-up sweep is done");
        var token = OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, "order-9", "mug-001", Start.AddMinutes(90));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { OrderToken = token });

        clock.Advance(TimeSpan.FromHours(1));
        await PrivacyHosts.WaitUntil(() => clock.WaitingTimers > 0, "the sweep an hour on is done");
        var beforeExpiry = Rows("SELECT used_by FROM used_order_tokens;", host.Services).Count;
        clock.Advance(TimeSpan.FromHours(1));
        await PrivacyHosts.WaitUntil(() => Rows("SELECT used_by FROM used_order_tokens;", host.Services).Count == 0, "the expired token is swept");

        Assert.Equal(1, beforeExpiry);
        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task Retention_deletes_the_tokens_of_the_answers_and_comments_it_deletes_before_they_expire()
    {
        var clock = new ManualClock(Start);
        var host = Factory.WithClock(clock, o => o.RetentionDays = 30);
        var sdk = host.Sdk();
        await PrivacyHosts.WaitUntil(() => clock.WaitingTimers > 0, "the start-up sweep is done");
        var token = OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, "order-31", "mug-001", Start.AddDays(90));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { OrderToken = token });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Old review.") { OrderToken = token });
        var stored = Rows("SELECT used_by FROM used_order_tokens;", host.Services).Count;

        clock.Advance(TimeSpan.FromDays(31));
        await PrivacyHosts.WaitUntil(() => Rows("SELECT used_by FROM used_order_tokens;", host.Services).Count == 0, "the tokens of the deleted rows are deleted");

        Assert.Equal(2, stored);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task Erasing_a_visitor_deletes_the_tokens_that_verified_their_answers_and_comments()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        string Token(string order) => OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, order, "mug-001", DateTimeOffset.UtcNow.AddDays(3));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = "visitor-erased", OrderToken = Token("order-1") });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Mine.") { VisitorId = "visitor-erased", OrderToken = Token("order-1") });
        var kept = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { VisitorId = "visitor-kept", OrderToken = Token("order-2") });

        await admin.EraseVisitorAsync("visitor-erased");

        var left = Rows("SELECT used_by, purpose FROM used_order_tokens;");
        Assert.Equal([[kept.AnswerId.ToString(CultureInfo.InvariantCulture), "rating:stars"]], left);
    }

    private List<string[]> Rows(string sql, IServiceProvider? services = null) =>
        (services ?? Factory.Services).GetRequiredService<Database>().Read(query =>
        {
            var rows = new List<string[]>();
            using var reader = query(sql);
            while (reader.Read())
            {
                rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture)!)]);
            }

            return rows;
        });
}
