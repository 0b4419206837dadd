using System.Net.Http.Json;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Answers;

/// <summary>The first-party cookie mode of visitor ids, for browsers that call the API directly.</summary>
public sealed class VisitorCookieTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_cookie_is_set_on_the_first_answer_and_makes_the_second_a_re_vote()
    {
        using var factory = new QuickPollServerFactory(_database, o => o.VisitorCookie = true);
        var browser = factory.CreateClient(); // keeps cookies, as a browser does

        using var first = await browser.PostAsJsonAsync("/api/v1/answers", new SubmitAnswerRequest("mug-001", 1), QuickPollJsonContext.Default.SubmitAnswerRequest);
        using var second = await browser.PostAsJsonAsync("/api/v1/answers", new SubmitAnswerRequest("mug-001", 5), QuickPollJsonContext.Default.SubmitAnswerRequest);

        var cookie = Assert.Single(first.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("quickpoll_visitor=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.False(second.Headers.Contains("Set-Cookie"));
        var summary = await factory.CreateSdk().GetSummaryAsync("mug-001");
        Assert.Equal(1, summary.Count);
        Assert.Equal(5.0, summary.Average);
    }

    [Fact]
    public async Task Reading_a_summary_sets_no_cookie()
    {
        using var factory = new QuickPollServerFactory(_database, o => o.VisitorCookie = true);

        using var response = await factory.CreateClient().GetAsync("/api/v1/summaries?target=mug-001");

        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Without_the_cookie_mode_no_cookie_is_set_and_every_answer_counts()
    {
        using var factory = new QuickPollServerFactory(_database);
        var browser = factory.CreateClient();

        using var first = await browser.PostAsJsonAsync("/api/v1/answers", new SubmitAnswerRequest("mug-001", 1), QuickPollJsonContext.Default.SubmitAnswerRequest);
        using var second = await browser.PostAsJsonAsync("/api/v1/answers", new SubmitAnswerRequest("mug-001", 5), QuickPollJsonContext.Default.SubmitAnswerRequest);

        Assert.False(first.Headers.Contains("Set-Cookie"));
        Assert.Equal(2, (await factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }
}
