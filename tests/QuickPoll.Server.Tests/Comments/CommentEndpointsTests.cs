using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Comments;

public sealed class SqliteCommentEndpointsTests() : CommentEndpointsTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlCommentEndpointsTests() : CommentEndpointsTests(QuickPollStorageProvider.PostgreSql);

public abstract class CommentEndpointsTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task A_plain_comment_is_published_at_once_and_listed_newest_first()
    {
        var sdk = Factory.CreateSdk();

        var first = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Keeps my tea hot for ages.") { Rating = 5, DisplayName = "Ola" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "A bit heavy.") { Rating = 3 });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("tee-002", "Other product."));
        var page = await sdk.GetCommentsAsync("mug-001");

        Assert.Equal(CommentStatus.Published, first.Status);
        Assert.Null(first.HoldReason);
        Assert.Equal(2, page.Total);
        Assert.Equal(["A bit heavy.", "Keeps my tea hot for ages."], page.Items.Select(c => c.Text));
        Assert.Equal("Ola", page.Items[1].DisplayName);
        Assert.Equal(5, page.Items[1].Rating);
        Assert.False(page.Items[1].VerifiedPurchase);
    }

    [Fact]
    public async Task Comments_are_paged()
    {
        var sdk = Factory.CreateSdk();
        for (var i = 1; i <= 5; i++)
        {
            await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", $"Comment {i}"));
        }

        var second = await sdk.GetCommentsAsync("mug-001", page: 2, pageSize: 2);

        Assert.Equal(5, second.Total);
        Assert.Equal(["Comment 3", "Comment 2"], second.Items.Select(c => c.Text));
    }

    [Fact]
    public async Task Markup_is_stored_and_returned_as_the_text_it_is()
    {
        const string Text = "<script>alert('x')</script> & <b>bold</b>";

        await Factory.CreateSdk().SubmitCommentAsync(new SubmitCommentRequest("mug-001", Text) { DisplayName = "<i>Eve</i>" });

        var comment = Assert.Single((await Factory.CreateSdk().GetCommentsAsync("mug-001")).Items);
        Assert.Equal(Text, comment.Text);
        Assert.Equal("<i>Eve</i>", comment.DisplayName);
    }

    [Theory]
    [InlineData("Great mug, see http://cheap-mugs.example")]
    [InlineData("Better at www.example.test")]
    [InlineData("Buy at mugs4less.com today")]
    public async Task A_comment_with_a_link_is_held_for_staff_and_not_shown(string text)
    {
        var receipt = await Factory.CreateSdk().SubmitCommentAsync(new SubmitCommentRequest("mug-001", text));

        Assert.Equal(CommentStatus.Held, receipt.Status);
        Assert.Equal("link", receipt.HoldReason);
        Assert.Equal(0, (await Factory.CreateSdk().GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task Staff_approve_a_held_comment_and_it_appears_and_rejecting_hides_it()
    {
        var sdk = Factory.CreateSdk();
        var admin = Factory.CreateAdminSdk();
        var held = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Compare with www.example.test"));
        var other = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "See example.com"));

        var queue = await admin.GetCommentsForModerationAsync(CommentStatus.Held);
        var approved = await admin.ModerateCommentsAsync(new ModerationDecision([held.CommentId], CommentStatus.Published));
        var rejected = await admin.ModerateCommentsAsync(new ModerationDecision([other.CommentId, 999_999], CommentStatus.Rejected));

        Assert.Equal(2, queue.Total);
        Assert.All(queue.Items, c => Assert.Equal("link", c.HoldReason));
        Assert.Equal(1, approved.Updated);
        Assert.Equal(1, rejected.Updated);
        var shown = Assert.Single((await sdk.GetCommentsAsync("mug-001")).Items);
        Assert.Equal(held.CommentId, shown.Id);
        Assert.Equal(0, (await admin.GetCommentsForModerationAsync(CommentStatus.Held)).Total);
        Assert.Equal(1, (await admin.GetCommentsForModerationAsync(CommentStatus.Rejected)).Total);
    }

    [Fact]
    public async Task The_moderation_queue_filters_by_rating()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Awful, see awful.com") { Rating = 1 });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Lovely, see lovely.com") { Rating = 5 });

        var ones = await Factory.CreateAdminSdk().GetCommentsForModerationAsync(CommentStatus.Held, rating: 1);

        Assert.Equal("Awful, see awful.com", Assert.Single(ones.Items).Text);
    }

    public static TheoryData<string, string> InvalidComments => new()
    {
        { """{"target":"mug-001","text":""}""", "text" },
        { $$"""{"target":"mug-001","text":"{{new string('a', CommentLimits.MaxTextLength + 1)}}"}""", "text" },
        { """{"target":"mug-001","text":"bell\u0007"}""", "text" },
        { """{"target":"mug-001","text":"ok","rating":6}""", "rating" },
        { """{"target":"mug-001","text":"ok","rating":0}""", "rating" },
        { $$"""{"target":"mug-001","text":"ok","displayName":"{{new string('n', 61)}}"}""", "displayName" },
        { """{"text":"ok"}""", "target" },
        { """{"target":"mug-001","text":"ok","orderToken":"forged.token"}""", "orderToken" },
    };

    [Theory]
    [MemberData(nameof(InvalidComments))]
    public async Task A_bad_comment_gets_a_problem_naming_the_field_and_is_not_stored(string body, string field)
    {
        using var response = await Factory.CreateClient().PostAsync("/api/v1/comments", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
        Assert.Equal(0, (await Factory.CreateAdminSdk().GetCommentsForModerationAsync()).Total);
    }

    [Fact]
    public async Task The_moderation_api_needs_the_admin_key()
    {
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk("not-the-key").GetCommentsForModerationAsync());

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
