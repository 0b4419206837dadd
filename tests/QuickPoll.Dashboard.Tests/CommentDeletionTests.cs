using System.Globalization;
using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Dashboard.Tests;

public sealed class SqliteCommentDeletionTests() : CommentDeletionTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlCommentDeletionTests() : CommentDeletionTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Staff delete any comment for good from the dashboard, from the moderation queue or the product's page.</summary>
public abstract class CommentDeletionTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task The_dashboard_deletes_a_comment_from_the_moderation_queue_and_from_the_product_page()
    {
        var sdk = Factory.CreateSdk();
        var held = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "See www.example.test"));
        var published = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Nice handle."));
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var queue = await browser.PageAsync("/quickpoll/moderation");
        var fromQueue = await browser.PostAsync("/quickpoll/moderation",
            ("__RequestVerificationToken", DashboardBrowser.Token(queue)), ("status", "held"), ("delete", Id(held)));
        var product = await browser.PageAsync("/quickpoll/products/mug-001");
        var fromProduct = await browser.PostAsync("/quickpoll/moderation",
            ("__RequestVerificationToken", DashboardBrowser.Token(product)), ("product", "mug-001"), ("delete", Id(published)));
        var forged = await browser.PostAsync("/quickpoll/moderation", ("delete", Id(published)));

        Assert.Contains($"name=\"delete\" value=\"{Id(held)}\"", queue, StringComparison.Ordinal);
        Assert.Contains($"name=\"delete\" value=\"{Id(published)}\"", product, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, fromQueue.StatusCode);
        Assert.Equal("/quickpoll/moderation?status=held&notice=deleted&count=1", fromQueue.Headers.Location?.OriginalString);
        Assert.Contains("Deleted the comment for good", await browser.PageAsync(fromQueue.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, fromProduct.StatusCode);
        Assert.Equal("/quickpoll/products/mug-001", fromProduct.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.DoesNotContain("Nice handle.", await browser.PageAsync("/quickpoll/products/mug-001"));
        Assert.Equal(0, Count("SELECT COUNT(*) FROM comments;"));
    }

    private static string Id(CommentReceipt receipt) => receipt.CommentId.ToString(CultureInfo.InvariantCulture);

    private long Count(string sql) =>
        Factory.Services.GetRequiredService<Database>().Read(query =>
        {
            using var reader = query(sql);
            reader.Read();
            return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        });
}
