using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Purchases;

public sealed class SqliteVerifiedPurchaseTests() : VerifiedPurchaseTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlVerifiedPurchaseTests() : VerifiedPurchaseTests(QuickPollStorageProvider.PostgreSql);

public abstract class VerifiedPurchaseTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static string Token(string order, string product, double hours = 24) =>
        OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, order, product, DateTimeOffset.UtcNow.AddHours(hours));

    [Fact]
    public async Task A_review_with_the_shops_order_token_is_marked_as_a_verified_purchase()
    {
        var sdk = Factory.CreateSdk();

        var verified = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Bought two.") { OrderToken = Token("order-1", "mug-001") });
        var plain = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Saw it in a shop."));

        Assert.True(verified.VerifiedPurchase);
        Assert.False(plain.VerifiedPurchase);
        var shown = (await sdk.GetCommentsAsync("mug-001")).Items;
        Assert.Equal([false, true], shown.Select(c => c.VerifiedPurchase));
    }

    [Fact]
    public async Task A_token_is_accepted_once_per_product()
    {
        var sdk = Factory.CreateSdk();
        var token = Token("order-1", "mug-001");
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "First review.") { OrderToken = token });

        var again = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Second review.") { OrderToken = token }));

        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("orderToken", again.Errors.Keys);
        Assert.Equal(1, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task The_same_order_may_rate_and_review_and_a_visitor_may_change_a_verified_rating()
    {
        var sdk = Factory.CreateSdk();
        var token = Token("order-1", "mug-001");

        var rated = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { OrderToken = token, VisitorId = "visitor-aaaa" });
        var changed = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { OrderToken = token, VisitorId = "visitor-aaaa" });
        var reviewed = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Great.") { OrderToken = token });

        Assert.True(rated.VerifiedPurchase);
        Assert.True(changed.VerifiedPurchase);
        Assert.Equal(rated.AnswerId, changed.AnswerId);
        Assert.Equal(5.0, changed.Summary.Average);
        Assert.True(reviewed.VerifiedPurchase);
    }

    [Fact]
    public async Task A_token_for_another_product_an_expired_one_or_a_forged_one_is_refused()
    {
        var sdk = Factory.CreateSdk();
        var forged = OrderTokens.Issue("some-other-secret-that-is-long-enough!!", "order-1", "mug-001", DateTimeOffset.UtcNow.AddHours(1));

        foreach (var token in new[] { Token("order-1", "tee-002"), Token("order-1", "mug-001", hours: -1), forged })
        {
            var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { OrderToken = token }));
            Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
            Assert.Contains("orderToken", refused.Errors.Keys);
        }

        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001")).Count);
    }
}
