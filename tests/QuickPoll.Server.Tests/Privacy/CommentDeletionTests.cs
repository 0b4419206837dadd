using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Privacy;

public sealed class SqliteCommentDeletionTests() : CommentDeletionTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlCommentDeletionTests() : CommentDeletionTests(QuickPollStorageProvider.PostgreSql);

/// <summary>A rejected comment's text is deleted at once; staff can delete any comment for good.</summary>
public abstract class CommentDeletionTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task Rejecting_a_comment_deletes_its_text_and_name_and_it_can_no_longer_be_approved()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var held = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Call me on 555-0199, see spam.example") { DisplayName = "Jan Kowalski", Rating = 1 });

        var rejected = await admin.ModerateCommentsAsync(new ModerationDecision([held.CommentId], CommentStatus.Rejected));
        var approvedAfter = await admin.ModerateCommentsAsync(new ModerationDecision([held.CommentId], CommentStatus.Published));

        Assert.Equal(1, rejected.Updated);
        Assert.Equal(0, approvedAfter.Updated);
        var shown = Assert.Single((await admin.GetCommentsForModerationAsync(CommentStatus.Rejected)).Items);
        Assert.Equal((held.CommentId, "", null, 1), (shown.Id, shown.Text, shown.DisplayName, shown.Rating));
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
        Assert.Equal(0, Count("SELECT COUNT(*) FROM comments WHERE text LIKE '%555-0199%' OR display_name IS NOT NULL;"));
    }

    [Fact]
    public async Task An_imported_rejected_comment_is_stored_without_its_text()
    {
        var admin = Factory.CreateAdminSdk();

        await admin.ImportAsync(new FeedbackImport
        {
            Comments = [new ImportedComment("mug-001", "Rude words here", DateTimeOffset.UtcNow.AddDays(-3)) { Status = CommentStatus.Rejected, DisplayName = "Troll" }],
        });

        var stored = Assert.Single((await admin.GetCommentsForModerationAsync(CommentStatus.Rejected)).Items);
        Assert.Equal(("", null), (stored.Text, stored.DisplayName));
    }

    [Fact]
    public async Task Staff_delete_a_comment_for_good_with_its_used_order_token_and_a_second_delete_is_404()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var token = OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, "order-77", "mug-001", DateTimeOffset.UtcNow.AddDays(7));
        var published = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Lovely glaze.") { OrderToken = token });
        var kept = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Sturdy."));

        await admin.DeleteCommentAsync(published.CommentId);
        var again = await Assert.ThrowsAsync<QuickPollApiException>(() => admin.DeleteCommentAsync(published.CommentId));
        var unknown = await Assert.ThrowsAsync<QuickPollApiException>(() => admin.DeleteCommentAsync(987_654));

        Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
        Assert.Contains("commentId", again.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal([kept.CommentId], (await sdk.GetCommentsAsync("mug-001")).Items.Select(c => c.Id));
        Assert.Equal([kept.CommentId], (await admin.GetCommentsForModerationAsync()).Items.Select(c => c.Id));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM used_order_tokens;"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM comments WHERE text = 'Lovely glaze.';"));
    }

    private long Count(string sql) =>
        Factory.Services.GetRequiredService<Database>().Read(query =>
        {
            using var reader = query(sql);
            reader.Read();
            return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        });
}
