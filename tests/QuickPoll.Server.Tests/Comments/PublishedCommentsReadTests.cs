using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Comments;

namespace QuickPoll.Server.Tests.Comments;

public sealed class SqlitePublishedCommentsReadTests() : PublishedCommentsReadTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlPublishedCommentsReadTests() : PublishedCommentsReadTests(QuickPollStorageProvider.PostgreSql)
{
    [Fact]
    public async Task A_comment_another_instance_stores_shows_on_the_next_read()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        Assert.Equal(["First."], await TextsAsync(sdk));

        using var other = new QuickPollServerFactory(Database);
        await other.CreateSdk().SubmitCommentAsync(new SubmitCommentRequest(Sku, "From the other instance."));

        Assert.Equal(["From the other instance.", "First."], await TextsAsync(sdk));
    }
}

/// <summary>
/// Whatever changes a target's published comments shows on the very next read of its first page (what a product page's
/// review list shows), even though that page is held in memory where this process is the only writer.
/// </summary>
public abstract class PublishedCommentsReadTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    protected const string Sku = "mug-001";

    [Fact]
    public async Task A_published_comment_shows_on_the_next_read()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        Assert.Equal(["First."], await TextsAsync(sdk));

        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "Second."));

        Assert.Equal(["Second.", "First."], await TextsAsync(sdk));
        Assert.Equal(2, (await sdk.GetCommentsAsync(Sku, pageSize: 10)).Total);
    }

    [Fact]
    public async Task A_held_comment_stays_hidden_and_shows_once_approved()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        var held = await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "Compare with www.example.test"));
        Assert.Equal(["First."], await TextsAsync(sdk));

        await Factory.CreateAdminSdk().ModerateCommentsAsync(new ModerationDecision([held.CommentId], CommentStatus.Published));

        Assert.Equal(["Compare with www.example.test", "First."], await TextsAsync(sdk));
    }

    [Fact]
    public async Task A_rejected_comment_disappears_on_the_next_read()
    {
        var sdk = Factory.CreateSdk();
        var first = await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "Second."));
        Assert.Equal(["Second.", "First."], await TextsAsync(sdk));

        await Factory.CreateAdminSdk().ModerateCommentsAsync(new ModerationDecision([first.CommentId], CommentStatus.Rejected));

        Assert.Equal(["Second."], await TextsAsync(sdk));
    }

    [Fact]
    public async Task A_deleted_comment_disappears_on_the_next_read()
    {
        var sdk = Factory.CreateSdk();
        var first = await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        Assert.Equal(["First."], await TextsAsync(sdk));

        await Factory.CreateAdminSdk().DeleteCommentAsync(first.CommentId);

        var page = await sdk.GetCommentsAsync(Sku);
        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
    }

    [Fact]
    public async Task An_erased_visitors_comment_disappears_on_the_next_read()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "Mine.") { VisitorId = "visitor-erased" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "Someone else's.") { VisitorId = "visitor-stays" });
        Assert.Equal(["Someone else's.", "Mine."], await TextsAsync(sdk));

        await Factory.CreateAdminSdk().EraseVisitorAsync("visitor-erased");

        Assert.Equal(["Someone else's."], await TextsAsync(sdk));
    }

    [Fact]
    public async Task An_imported_comment_shows_on_the_next_read()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        Assert.Equal(["First."], await TextsAsync(sdk));

        await Factory.CreateAdminSdk().ImportAsync(new FeedbackImport
        {
            Comments = [new ImportedComment(Sku, "From the old shop.", new DateTimeOffset(2024, 5, 1, 0, 0, 0, TimeSpan.Zero))],
        });

        Assert.Contains("From the old shop.", await TextsAsync(sdk));
        Assert.Equal(2, (await sdk.GetCommentsAsync(Sku, pageSize: 10)).Total);
    }

    [Fact]
    public async Task A_comment_on_another_target_leaves_this_one_as_it_was()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Sku, "First."));
        Assert.Equal(["First."], await TextsAsync(sdk));

        await sdk.SubmitCommentAsync(new SubmitCommentRequest("tee-002", "Other product."));

        Assert.Equal(["First."], await TextsAsync(sdk));
        Assert.Equal(["Other product."], (await sdk.GetCommentsAsync("tee-002", pageSize: 10)).Items.Select(c => c.Text));
    }

    protected static async Task<IEnumerable<string>> TextsAsync(IQuickPollApi sdk) =>
        (await sdk.GetCommentsAsync(Sku, pageSize: 10)).Items.Select(c => c.Text);
}

/// <summary>The held pages stay within their bounds, and a read that raced a commit is not kept.</summary>
public sealed class PublishedCommentCacheTests
{
    private static CommentPage PageOf(string text, long total = 1) =>
        new([new PublishedComment(1, text, 5, null, DateTimeOffset.UnixEpoch, false)], 1, 10, total);

    [Fact]
    public void Holds_at_most_its_capacity_however_many_targets_are_read()
    {
        var cache = new PublishedCommentCache(enabled: true);

        for (var i = 0; i < PublishedCommentCache.Capacity + 500; i++)
        {
            cache.GetOrRead($"target-{i}", 1, 10, () => PageOf("Text"));
        }

        Assert.InRange(cache.Count, 1, PublishedCommentCache.Capacity);
    }

    [Fact]
    public void Holds_no_page_of_a_target_without_comments_nor_later_pages()
    {
        var cache = new PublishedCommentCache(enabled: true);

        cache.GetOrRead("made-up", 1, 10, () => new CommentPage([], 1, 10, 0));
        cache.GetOrRead("mug-001", 2, 10, () => PageOf("Older", total: 11));

        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public void A_read_that_a_commit_overtook_is_not_kept()
    {
        var cache = new PublishedCommentCache(enabled: true);

        cache.GetOrRead("mug-001", 1, 10, () =>
        {
            // The writer commits a change while this read is under way: what it read may be older than the commit.
            cache.Changed("mug-001");
            return PageOf("Before the commit");
        });
        var next = cache.GetOrRead("mug-001", 1, 10, () => PageOf("After the commit"));

        Assert.Equal("After the commit", Assert.Single(next.Items).Text);
    }

    [Fact]
    public void Disabled_it_reads_every_time()
    {
        var cache = new PublishedCommentCache(enabled: false);
        var reads = 0;

        cache.GetOrRead("mug-001", 1, 10, () => PageOf($"Read {++reads}"));
        var second = cache.GetOrRead("mug-001", 1, 10, () => PageOf($"Read {++reads}"));

        Assert.Equal("Read 2", Assert.Single(second.Items).Text);
        Assert.Equal(0, cache.Count);
    }
}
