using System.Data.Common;
using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Comments;

public sealed class SqliteCommentFormSingleUseTests() : CommentFormSingleUseTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlCommentFormSingleUseTests() : CommentFormSingleUseTests(QuickPollStorageProvider.PostgreSql);

/// <summary>A comment form's token is good for one comment about its own target from its own site, within its lifetime; the honeypot keeps bots out.</summary>
public abstract class CommentFormSingleUseTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private const string Mug = "mug-001";
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_token_posts_one_comment_and_the_second_is_told_to_reload()
    {
        var host = Host();
        var sdk = host.Sdk();
        var token = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));

        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "First and only.") { FormToken = token });
        var again = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Same form, another text.") { FormToken = token }));

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already sent", Assert.Single(again.Errors["formToken"]), StringComparison.Ordinal);
        Assert.Equal(["First and only."], (await sdk.GetCommentsAsync(Mug)).Items.Select(c => c.Text));
    }

    [Fact]
    public async Task Eight_concurrent_comments_with_one_token_store_exactly_one()
    {
        var sdk = Host().Sdk();
        var token = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, $"Copy {i}.") { FormToken = token });
                return "stored";
            }
            catch (QuickPollApiException refused) when (refused.StatusCode == HttpStatusCode.BadRequest && refused.Errors.ContainsKey("formToken"))
            {
                return "refused";
            }
        }));

        Assert.Equal(1, outcomes.Count(o => o == "stored"));
        Assert.Equal(7, outcomes.Count(o => o == "refused"));
        Assert.Equal(1, (await sdk.GetCommentsAsync(Mug)).Total);
    }

    [Fact]
    public async Task Two_instances_on_one_database_let_one_token_through_once()
    {
        var (first, second) = (Host(), Host());
        var token = (await first.Sdk().GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));

        var outcomes = await Task.WhenAll(Enumerable.Range(1, 8).Select(async i =>
        {
            try
            {
                await (i % 2 == 0 ? first : second).Sdk().SubmitCommentAsync(new SubmitCommentRequest(Mug, $"Copy {i}.") { FormToken = token });
                return true;
            }
            catch (QuickPollApiException refused) when (refused.Errors.ContainsKey("formToken"))
            {
                return false;
            }
        }));

        Assert.Single(outcomes, stored => stored);
        Assert.Equal(1, (await first.Sdk().GetCommentsAsync(Mug)).Total);
    }

    [Fact]
    public async Task A_retry_with_the_same_idempotency_key_gets_the_first_receipt_not_a_used_token()
    {
        var sdk = Host().Sdk();
        var comment = new SubmitCommentRequest(Mug, "Sent once, retried.") { FormToken = (await sdk.GetCommentFormAsync(Mug)).FormToken };
        _clock.Jump(TimeSpan.FromSeconds(5));

        var first = await sdk.SubmitCommentAsync(comment, "retry-key-1");
        _clock.Jump(TimeSpan.FromHours(3));
        var retried = await sdk.SubmitCommentAsync(comment, "retry-key-1");

        Assert.Equal(first, retried);
        Assert.Equal(1, (await sdk.GetCommentsAsync(Mug)).Total);
    }

    [Fact]
    public async Task A_token_for_one_product_does_not_post_about_another()
    {
        var sdk = Host().Sdk();
        var token = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));

        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest("tote-004", "Moved to another product.") { FormToken = token }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("another product or site", Assert.Single(refused.Errors["formToken"]), StringComparison.Ordinal);
        Assert.Equal(0, (await sdk.GetCommentsAsync("tote-004")).Total);

        // Refused before it was used: the form still posts about its own product.
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Where it belongs.") { FormToken = token });
        Assert.Equal(1, (await sdk.GetCommentsAsync(Mug)).Total);
    }

    [Fact]
    public async Task A_token_for_one_site_does_not_post_for_another_or_for_none()
    {
        var host = Host();
        var admin = host.AdminSdk();
        var shop = await admin.CreateSiteAsync(new SiteDefinition("Mug shop", ["https://mugs.example"]));
        var other = await admin.CreateSiteAsync(new SiteDefinition("Tote shop", ["https://totes.example"]));
        var token = (await SiteSdk(host, shop.PublicKey).GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));

        var otherSite = await Assert.ThrowsAsync<QuickPollApiException>(
            () => SiteSdk(host, other.PublicKey).SubmitCommentAsync(new SubmitCommentRequest(Mug, "Borrowed form.") { FormToken = token }));
        var noSite = await Assert.ThrowsAsync<QuickPollApiException>(
            () => host.Sdk().SubmitCommentAsync(new SubmitCommentRequest(Mug, "No site at all.") { FormToken = token }));
        await SiteSdk(host, shop.PublicKey).SubmitCommentAsync(new SubmitCommentRequest(Mug, "From the right shop.") { FormToken = token });

        Assert.True(otherSite.Errors.ContainsKey("formToken"));
        Assert.True(noSite.Errors.ContainsKey("formToken"));
        Assert.Equal(["From the right shop."], (await host.Sdk().GetCommentsAsync(Mug)).Items.Select(c => c.Text));
    }

    [Fact]
    public async Task The_form_needs_a_valid_target()
    {
        using var client = Host().CreateClient();

        var missing = await client.GetAsync(new Uri("/api/v1/comments/form", UriKind.Relative));
        var tooLong = await client.GetAsync(new Uri($"/api/v1/comments/form?target={new string('x', 200)}", UriKind.Relative));

        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("\"target\"", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
    }

    [Fact]
    public async Task Too_quick_says_how_many_more_seconds_to_wait_and_leaves_the_token_usable()
    {
        var sdk = Host().Sdk();
        var token = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(1.2));

        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Quick.") { FormToken = token }));
        _clock.Jump(TimeSpan.FromSeconds(2));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Quick, then patient.") { FormToken = token });

        Assert.Contains("wait 2 more seconds", Assert.Single(refused.Errors["formToken"]), StringComparison.Ordinal);
        Assert.Equal(1, (await sdk.GetCommentsAsync(Mug)).Total);
    }

    [Fact]
    public async Task The_lifetime_is_an_option()
    {
        var sdk = Factory.WithClock(_clock, o => (o.CommentMinimumSeconds, o.CommentFormLifetime) = (3, TimeSpan.FromMinutes(10))).Sdk();
        var kept = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        var late = (await sdk.GetCommentFormAsync(Mug)).FormToken;

        _clock.Jump(TimeSpan.FromMinutes(9));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Within ten minutes.") { FormToken = kept });
        _clock.Jump(TimeSpan.FromMinutes(2));
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "After eleven.") { FormToken = late }));

        Assert.Contains("expired", Assert.Single(refused.Errors["formToken"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Used_tokens_are_forgotten_once_they_have_expired()
    {
        var sdk = Host().Sdk();
        var first = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Early.") { FormToken = first });
        Assert.Equal(1, UsedTokenRows());

        _clock.Jump(TimeSpan.FromHours(2) + TimeSpan.FromMinutes(11));
        var second = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Much later.") { FormToken = second });

        Assert.Equal(1, UsedTokenRows());
        var replayed = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "The first form, replayed.") { FormToken = first }));
        Assert.Contains("expired", Assert.Single(replayed.Errors["formToken"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_filled_honeypot_looks_held_and_stores_nothing_nor_uses_the_token()
    {
        var host = Host();
        var sdk = host.Sdk();
        var token = (await sdk.GetCommentFormAsync(Mug)).FormToken;
        _clock.Jump(TimeSpan.FromSeconds(5));

        var receipt = await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "Cheap pills at spam.example") { FormToken = token, Website = "spam.example" });
        var anyStatus = await host.AdminSdk().GetCommentsForModerationAsync();

        Assert.Equal(new CommentReceipt(0, CommentStatus.Held) { HoldReason = "moderation" }, receipt);
        Assert.Equal(0, anyStatus.Total);
        Assert.Equal(0, (await sdk.GetCommentsAsync(Mug)).Total);
        await sdk.SubmitCommentAsync(new SubmitCommentRequest(Mug, "A person, with the same form.") { FormToken = token, Website = "" });
        Assert.Equal(1, (await sdk.GetCommentsAsync(Mug)).Total);
    }

    private WebApplicationFactory<TestHostEntryPoint> Host() => Factory.WithClock(_clock, o => o.CommentMinimumSeconds = 3);

    private static IQuickPollApi SiteSdk(WebApplicationFactory<TestHostEntryPoint> host, string siteKey)
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(o => (o.BaseAddress, o.SiteKey) = (new Uri("http://localhost/"), siteKey))
            .ConfigurePrimaryHttpMessageHandler(() => host.Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();
    }

    private long UsedTokenRows()
    {
        using DbConnection connection = Database.Provider == QuickPollStorageProvider.PostgreSql
            ? new NpgsqlConnection(Database.ConnectionString)
            : new SqliteConnection(Database.ConnectionString);
        connection.Open();
        using var count = connection.CreateCommand();
        count.CommandText = "SELECT COUNT(*) FROM used_form_tokens;";
        return Convert.ToInt64(count.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
