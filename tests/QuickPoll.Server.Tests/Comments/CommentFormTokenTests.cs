using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Comments;

public sealed class SqliteCommentFormTokenTests() : CommentFormTokenTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlCommentFormTokenTests() : CommentFormTokenTests(QuickPollStorageProvider.PostgreSql);

/// <summary>The minimum time between showing a comment form and sending it, enforced by the server on a clock the test moves.</summary>
public abstract class CommentFormTokenTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task A_comment_sent_after_the_minimum_time_is_stored()
    {
        var sdk = Host().Sdk();
        var form = await sdk.GetCommentFormAsync("mug-001");

        _clock.Jump(TimeSpan.FromSeconds(3));
        var receipt = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Took my time writing this.") { FormToken = form.FormToken });

        Assert.Equal(3, form.MinimumSeconds);
        Assert.Equal(CommentStatus.Published, receipt.Status);
        Assert.Equal(1, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task A_comment_sent_too_quickly_is_refused_naming_the_form_token()
    {
        var sdk = Host().Sdk();
        var form = await sdk.GetCommentFormAsync("mug-001");

        _clock.Jump(TimeSpan.FromSeconds(2.9));
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Bot-fast.") { FormToken = form.FormToken }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Contains("too quickly", Assert.Single(refused.Errors["formToken"]), StringComparison.Ordinal);
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task A_form_older_than_two_hours_has_expired()
    {
        var sdk = Host().Sdk();
        var form = await sdk.GetCommentFormAsync("mug-001");

        _clock.Jump(TimeSpan.FromHours(2) + TimeSpan.FromSeconds(1));
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Left the tab open.") { FormToken = form.FormToken }));

        Assert.Contains("expired", Assert.Single(refused.Errors["formToken"]), StringComparison.Ordinal);
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("CfDJ8AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public async Task A_missing_or_forged_token_is_refused(string? token)
    {
        var sdk = Host().Sdk();
        _clock.Jump(TimeSpan.FromMinutes(5));

        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "No form shown.") { FormToken = token }));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.True(refused.Errors.ContainsKey("formToken"));
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task A_token_changed_by_one_character_is_refused()
    {
        var sdk = Host().Sdk();
        var token = (await sdk.GetCommentFormAsync("mug-001")).FormToken;
        var middle = token.Length / 2;
        var tampered = token[..middle] + (token[middle] == 'A' ? 'B' : 'A') + token[(middle + 1)..];

        _clock.Jump(TimeSpan.FromMinutes(1));
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Back-dated.") { FormToken = tampered }));

        Assert.Contains("not valid", Assert.Single(refused.Errors["formToken"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_the_check_off_a_comment_needs_no_token()
    {
        var sdk = Host(0).Sdk();

        var form = await sdk.GetCommentFormAsync("mug-001");
        var receipt = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Straight away."));

        Assert.Equal(0, form.MinimumSeconds);
        Assert.Equal(CommentStatus.Published, receipt.Status);
    }

    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<TestHostEntryPoint> Host(int minimumSeconds = 3) =>
        Factory.WithClock(_clock, o => o.CommentMinimumSeconds = minimumSeconds);
}
