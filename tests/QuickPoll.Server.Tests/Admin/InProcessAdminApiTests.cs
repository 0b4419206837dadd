using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.InProcess;

namespace QuickPoll.Server.Tests.Admin;

public sealed class SqliteInProcessAdminApiTests() : InProcessAdminApiTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlInProcessAdminApiTests() : InProcessAdminApiTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// The staff's API that <c>AddQuickPollServer()</c> registers in process (for the dashboard and the host's own code)
/// and the HTTP admin SDK give the same results and throw the same <see cref="QuickPollApiException"/>.
/// </summary>
public abstract class InProcessAdminApiTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset From = new(2020, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private IQuickPollAdminApi InProcess => Factory.Services.GetRequiredService<IQuickPollAdminApi>();

    private static PollDefinition Delivery(params string[] choices) => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?", ["pl"] = "Co jest dla Ciebie najważniejsze?" },
        [.. choices.Select(id => new PollChoiceDefinition(id, new Dictionary<string, string> { ["en"] = id, ["pl"] = id }))])
    {
        Target = "mug-001",
    };

    [Fact]
    public void AddQuickPollServer_registers_the_in_process_API_with_no_address()
    {
        Assert.IsType<InProcessAdminApi>(InProcess);
    }

    [Fact]
    public async Task Both_APIs_give_the_same_results()
    {
        var http = Factory.CreateAdminSdk();
        var sdk = Factory.CreateSdk();
        var poll = await InProcess.CreatePollAsync(Delivery("price", "quality"));
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { Segment = "b2b" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { Segment = "b2b", VisitorId = "visitor-aaaa" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 9) { Kind = FeedbackKind.Nps, Touchpoint = "product-page" });
        var form = await sdk.GetCommentFormAsync("mug-001");
        var held = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "See http://cheap-mugs.example") { FormToken = form.FormToken, Rating = 2 });
        var site = await InProcess.CreateSiteAsync(new SiteDefinition("Mug shop", ["https://shop.test"]));
        var key = await http.CreateAdminKeyAsync(new CreateAdminKeyRequest("Reporting job"));

        var today = new DateTimeOffset(DateTimeOffset.UtcNow.Date, TimeSpan.Zero);
        await Same(api => api.ListPollsAsync());
        await Same(api => api.GetPollResultsAsync(poll.Id, "segment", "pl"));
        await Same(api => api.GetCommentsForModerationAsync(CommentStatus.Held, "mug-001", "link", 2, 1, 10));
        await Same(api => api.GetResultsAsync("mug-001", FeedbackKind.Stars, "segment"));
        await Same(api => api.GetResultsAsync(null, FeedbackKind.Nps, "touchpoint"));
        await Same(api => api.GetInsightsAsync(From, From.AddDays(400).AddDays(-35), "mug-001"));
        await Same(api => api.GetInsightsBreakdownAsync(FeedbackKind.Stars, "segment", today.AddDays(-2), today.AddDays(1)));
        await Same(api => api.ExportAnswersAsync(From, null, "mug-001"));
        await Same(api => api.ListSitesAsync());
        await Same(api => api.ListAdminKeysAsync());
        Assert.Equal(await ReadAsync(await http.ExportAnswersCsvAsync(target: "mug-001")), await ReadAsync(await InProcess.ExportAnswersCsvAsync(target: "mug-001")));

        // Writes in process are seen over HTTP, and the other way round.
        Assert.Equal(1, (await InProcess.ModerateCommentsAsync(new ModerationDecision([held.CommentId], CommentStatus.Published))).Updated);
        Assert.Equal(CommentStatus.Published, Assert.Single((await http.GetCommentsForModerationAsync(target: "mug-001")).Items).Status);
        var renamed = await InProcess.UpdateSiteAsync(site.Id, new SiteDefinition("Mug shop EU", ["https://shop.test"]));
        Assert.Equal("Mug shop EU", Assert.Single(await http.ListSitesAsync()).Name);
        Assert.NotEqual(renamed.PublicKey, (await InProcess.RotateSitePublicKeyAsync(site.Id)).PublicKey);
        Assert.Equal(key.Id, (await InProcess.RevokeAdminKeyAsync(key.Id)).Id);
        Assert.Empty(await http.ListAdminKeysAsync());
        Assert.Equal(1, (await InProcess.EraseVisitorAsync("visitor-aaaa")).Answers);
        Assert.Equal(0, (await http.EraseVisitorAsync("visitor-aaaa")).Answers);
        await InProcess.DeleteCommentAsync(held.CommentId);
        Assert.Empty((await http.GetCommentsForModerationAsync()).Items);
    }

    [Fact]
    public async Task A_refusal_is_the_same_exception_in_process_and_over_HTTP()
    {
        var poll = await InProcess.CreatePollAsync(Delivery("price", "quality"));

        await SameRefusal(api => api.UpdatePollAsync("no-such-poll", Delivery("price", "quality")), 404, "pollId");
        await SameRefusal(api => api.GetPollResultsAsync("no-such-poll"), 404, "pollId");
        await SameRefusal(api => api.CreatePollAsync(Delivery("price")), 400, "choices");
        await SameRefusal(api => api.UpdatePollAsync(poll.Id, Delivery("price", "price")), 400, "choices[1].id");
        await SameRefusal(api => api.GetPollResultsAsync(poll.Id, "colour"), 400, "breakdown");
        await SameRefusal(api => api.ModerateCommentsAsync(new ModerationDecision([], CommentStatus.Published)), 400, "commentIds");
        await SameRefusal(api => api.ModerateCommentsAsync(new ModerationDecision([1], CommentStatus.Held)), 400, "status");
        await SameRefusal(api => api.DeleteCommentAsync(424242), 404, "commentId");
        await SameRefusal(api => api.GetCommentsForModerationAsync(pageSize: 0), 400, "pageSize");
        await SameRefusal(api => api.GetInsightsAsync(From, From.AddDays(-1)), 400, "to");
        await SameRefusal(api => api.GetInsightsBreakdownAsync(FeedbackKind.Stars, "colour"), 400, "by");
        await SameRefusal(api => api.ExportAnswersAsync(target: new string('x', 500)), 400, "target");
        await SameRefusal(api => api.EraseVisitorAsync("no"), 400, "visitorId");
        await SameRefusal(api => api.UpdateSiteAsync("no-such-site", new SiteDefinition("Shop", ["https://shop.test"])), 404, "siteId");
        await SameRefusal(api => api.CreateSiteAsync(new SiteDefinition("Shop", ["shop.test/path"])), 400, "allowedOrigins[0]");
        await SameRefusal(api => api.CreateAdminKeyAsync(new CreateAdminKeyRequest(" ")), 400, "name");
        await SameRefusal(api => api.RevokeAdminKeyAsync("no-such-key"), 404, "keyId");
        await SameRefusal(api => api.ImportAsync(new FeedbackImport { Answers = [new ImportedAnswer("mug-001", FeedbackKind.Stars, 9, From)] }), 400, "answers[0].score");

        // Unknown comment ids are not an error: nothing is changed, the same way over both.
        var unknown = new ModerationDecision([424242, 424243], CommentStatus.Published);
        Assert.Equal(0, (await InProcess.ModerateCommentsAsync(unknown)).Updated);
        Assert.Equal(0, (await Factory.CreateAdminSdk().ModerateCommentsAsync(unknown)).Updated);
    }

    private async Task Same<T>(Func<IQuickPollAdminApi, Task<T>> call)
    {
        var overHttp = await call(Factory.CreateAdminSdk());
        var inProcess = await call(InProcess);
        Assert.Equal(Json(overHttp), Json(inProcess));
    }

    private async Task SameRefusal(Func<IQuickPollAdminApi, Task> call, int status, string field)
    {
        var overHttp = await Assert.ThrowsAsync<QuickPollApiException>(() => call(Factory.CreateAdminSdk()));
        var inProcess = await Assert.ThrowsAsync<QuickPollApiException>(() => call(InProcess));
        Assert.Equal(status, (int)overHttp.StatusCode);
        Assert.Contains(field, overHttp.Errors.Keys);
        Assert.Equal(overHttp.StatusCode, inProcess.StatusCode);
        Assert.Equal(overHttp.Title, inProcess.Title);
        Assert.Equal(overHttp.Detail, inProcess.Detail);
        Assert.Equal(overHttp.Message, inProcess.Message);
        Assert.Equal(Lines(overHttp.Errors), Lines(inProcess.Errors));
    }

    private static string Json<T>(T value) => JsonSerializer.Serialize(value, QuickPollJsonContext.Default.Options);

    private static IEnumerable<string> Lines(IReadOnlyDictionary<string, string[]> errors) =>
        errors.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => $"{e.Key}: {string.Join(" | ", e.Value)}");

    private static async Task<string> ReadAsync(Stream stream)
    {
        await using (stream)
        {
            using var reader = new StreamReader(stream);
            return await reader.ReadToEndAsync();
        }
    }
}
