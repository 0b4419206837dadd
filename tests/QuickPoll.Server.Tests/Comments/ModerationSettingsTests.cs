using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Comments;

/// <summary>The site's moderation settings, on the embedded default storage.</summary>
public sealed class ModerationSettingsTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task A_site_that_holds_every_comment_shows_none_until_approved()
    {
        using var factory = new QuickPollServerFactory(_database, o => o.CommentModeration = CommentModeration.HoldAll);
        var sdk = factory.CreateSdk();

        var receipt = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Nice and plain."));

        Assert.Equal(CommentStatus.Held, receipt.Status);
        Assert.Equal("moderation", receipt.HoldReason);
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
        await factory.CreateAdminSdk().ModerateCommentsAsync(new ModerationDecision([receipt.CommentId], CommentStatus.Published));
        Assert.Equal(1, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Theory]
    [InlineData("This is a SCAM product", true)]
    [InlineData("Scam!", true)]
    [InlineData("Scampi recipes in the box", false)]
    public async Task A_blocked_word_holds_a_comment_as_a_whole_word_in_any_case(string text, bool held)
    {
        using var factory = new QuickPollServerFactory(_database, o => o.BlockedWords.Add("scam"));

        var receipt = await factory.CreateSdk().SubmitCommentAsync(new SubmitCommentRequest("mug-001", text));

        Assert.Equal(held ? CommentStatus.Held : CommentStatus.Published, receipt.Status);
        Assert.Equal(held ? "word" : null, receipt.HoldReason);
    }
}
