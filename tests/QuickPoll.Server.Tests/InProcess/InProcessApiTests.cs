using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.InProcess;

public sealed class SqliteInProcessApiTests() : InProcessApiTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlInProcessApiTests() : InProcessApiTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// The <see cref="IQuickPollApi"/> that <c>AddQuickPollServer()</c> registers for the app's own pages answers as the HTTP
/// SDK does against the same server: the same results, and the same <see cref="QuickPollApiException"/> for a refusal.
/// </summary>
public abstract class InProcessApiTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public void The_server_registers_the_in_process_api_for_the_apps_own_code()
    {
        using var scope = Factory.Services.CreateScope();

        var api = scope.ServiceProvider.GetRequiredService<IQuickPollApi>();

        Assert.Equal("InProcessQuickPollApi", api.GetType().Name);
    }

    [Fact]
    public async Task A_valid_answer_gives_the_same_receipt_and_summary_as_over_http()
    {
        using var scope = Factory.Services.CreateScope();
        var inProcess = scope.ServiceProvider.GetRequiredService<IQuickPollApi>();
        var http = Factory.CreateSdk();

        var viaHttp = await http.SubmitAnswerAsync(new SubmitAnswerRequest("mug-http", 4) { Segment = "b2b" });
        var direct = await inProcess.SubmitAnswerAsync(new SubmitAnswerRequest("mug-direct", 4) { Segment = "b2b" });

        Assert.NotEqual(viaHttp.AnswerId, direct.AnswerId);
        Assert.Equal(viaHttp.VerifiedPurchase, direct.VerifiedPurchase);
        AssertSameFigures(viaHttp.Summary, direct.Summary);
        AssertSameFigures(await http.GetSummaryAsync("mug-direct"), await inProcess.GetSummaryAsync("mug-direct"));
        AssertSameFigures(
            await http.GetSummaryAsync("mug-direct", FeedbackKind.Stars, new SummaryFilter { Segment = "b2b" }),
            await inProcess.GetSummaryAsync("mug-direct", FeedbackKind.Stars, new SummaryFilter { Segment = "b2b" }));
        Assert.Equal(1, (await http.GetSummaryAsync("mug-direct")).Count);
    }

    [Fact]
    public async Task A_bad_score_is_refused_with_the_same_exception_and_field_error()
    {
        var refusal = await AssertSameRefusalAsync(api => api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 9)));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Equal(["score"], refusal.Errors.Keys);
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_bad_summary_filter_is_refused_alike()
    {
        var refusal = await AssertSameRefusalAsync(api => api.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "b2b", Locale = "pl" }));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Equal(["filter"], refusal.Errors.Keys);
    }

    [Fact]
    public async Task An_unknown_poll_is_404_naming_the_poll_alike()
    {
        var read = await AssertSameRefusalAsync(api => api.GetPollAsync("no-such-poll"));
        var vote = await AssertSameRefusalAsync(api => api.VoteAsync("no-such-poll", new PollVoteRequest(["price"])));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, vote.StatusCode);
        Assert.Equal(["pollId"], vote.Errors.Keys);
    }

    [Fact]
    public async Task A_vote_in_a_closed_poll_is_409_alike()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Poll() with { Closed = true });

        var refusal = await AssertSameRefusalAsync(api => api.VoteAsync(poll.Id, new PollVoteRequest(["price"])));

        Assert.Equal(HttpStatusCode.Conflict, refusal.StatusCode);
        Assert.Equal(0, (await Factory.CreateSdk().GetPollResultsAsync(poll.Id)).Voters);
    }

    [Fact]
    public async Task A_reused_idempotency_key_with_another_answer_is_422_alike()
    {
        using var scope = Factory.Services.CreateScope();
        var inProcess = scope.ServiceProvider.GetRequiredService<IQuickPollApi>();
        var http = Factory.CreateSdk();
        await inProcess.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5), "key-direct");
        await http.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5), "key-http");

        var direct = await Assert.ThrowsAsync<QuickPollApiException>(() => inProcess.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1), "key-direct"));
        var viaHttp = await Assert.ThrowsAsync<QuickPollApiException>(() => http.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1), "key-http"));

        AssertSame(viaHttp, direct);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, direct.StatusCode);
        Assert.Equal(["Idempotency-Key"], direct.Errors.Keys);
        Assert.Equal(2, (await http.GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task An_unusable_idempotency_key_is_refused_alike()
    {
        var refusal = await AssertSameRefusalAsync(api => api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5), "two words"));

        Assert.Equal(HttpStatusCode.BadRequest, refusal.StatusCode);
        Assert.Equal(["Idempotency-Key"], refusal.Errors.Keys);
    }

    [Fact]
    public async Task A_repeated_idempotency_key_stores_once()
    {
        using var scope = Factory.Services.CreateScope();
        var inProcess = scope.ServiceProvider.GetRequiredService<IQuickPollApi>();
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Poll());
        var form = await inProcess.GetCommentFormAsync("mug-001");

        var first = await inProcess.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4), "answer-1");
        var again = await inProcess.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4), "answer-1");
        var vote = await inProcess.VoteAsync(poll.Id, new PollVoteRequest(["price"]), "vote-1");
        var voteAgain = await inProcess.VoteAsync(poll.Id, new PollVoteRequest(["price"]), "vote-1");
        var comment = new SubmitCommentRequest("mug-001", "Holds the heat.") { FormToken = form.FormToken };
        var stored = await inProcess.SubmitCommentAsync(comment, "comment-1");
        var storedAgain = await inProcess.SubmitCommentAsync(comment, "comment-1");

        Assert.Equal(first.AnswerId, again.AnswerId);
        Assert.Equal(1, (await inProcess.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(vote.Voters, voteAgain.Voters);
        Assert.Equal(1, (await inProcess.GetPollResultsAsync(poll.Id)).Voters);
        Assert.Equal(stored.CommentId, storedAgain.CommentId);
        Assert.Equal(1, (await inProcess.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task Reads_answer_as_over_http()
    {
        using var scope = Factory.Services.CreateScope();
        var inProcess = scope.ServiceProvider.GetRequiredService<IQuickPollApi>();
        var http = Factory.CreateSdk();
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Poll());
        await http.VoteAsync(poll.Id, new PollVoteRequest(["quality"]));

        Assert.Equal((await http.GetPollAsync(poll.Id, "en")).Question, (await inProcess.GetPollAsync(poll.Id, "en")).Question);
        Assert.Equal(
            (await http.GetPollResultsAsync(poll.Id)).Choices.Select(c => (c.ChoiceId, c.Count)),
            (await inProcess.GetPollResultsAsync(poll.Id)).Choices.Select(c => (c.ChoiceId, c.Count)));
        Assert.Equal(await http.GetSitePolicyAsync(), await inProcess.GetSitePolicyAsync());
        Assert.Equal((await http.GetCommentFormAsync("mug-001")).MinimumSeconds, (await inProcess.GetCommentFormAsync("mug-001")).MinimumSeconds);
        var pageRefusal = await AssertSameRefusalAsync(api => api.GetCommentsAsync("mug-001", page: 0));
        Assert.Equal(["page"], pageRefusal.Errors.Keys);
    }

    [Fact]
    public async Task In_process_submissions_are_limited_by_the_visitors_own_address()
    {
        using var host = Factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.Configure<QuickPollServerOptions>(o => (o.RateLimit.SubmissionsPerMinute, o.RateLimit.SubmissionBurst) = (1, 2))));
        var busy = Visitor(host, "203.0.113.7");
        await busy.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5));
        await busy.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5));
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => busy.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1)));

        var other = Visitor(host, "198.51.100.23");
        await other.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 3));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("Too many requests from this address.", refused.Title);
        Assert.True(refused.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1));
        var summary = await other.GetSummaryAsync("mug-001");
        Assert.Equal(3, summary.Count);
        Assert.Equal(0, summary.Distribution[0]);
    }

    [Fact]
    public async Task An_interactive_circuit_keeps_the_address_it_started_with()
    {
        using var host = Factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.Configure<QuickPollServerOptions>(o => (o.RateLimit.ReadsPerMinute, o.RateLimit.ReadBurst) = (1, 1))));
        using var circuit = host.Services.CreateScope();
        var accessor = circuit.ServiceProvider.GetRequiredService<IHttpContextAccessor>();
        accessor.HttpContext = Request("203.0.113.7");
        var api = circuit.ServiceProvider.GetRequiredService<IQuickPollApi>();
        await api.GetSummaryAsync("mug-001");

        // Later events of a circuit run with no live request.
        accessor.HttpContext = null;
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => api.GetSummaryAsync("mug-001"));

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
    }

    private static IQuickPollApi Visitor(WebApplicationFactory<TestHostEntryPoint> host, string address)
    {
        // A page request's scope, as ASP.NET Core makes one for each visitor's request.
        var scope = host.Services.CreateScope();
        scope.ServiceProvider.GetRequiredService<IHttpContextAccessor>().HttpContext = Request(address);
        return scope.ServiceProvider.GetRequiredService<IQuickPollApi>();
    }

    private static DefaultHttpContext Request(string address)
    {
        var http = new DefaultHttpContext();
        http.Connection.RemoteIpAddress = IPAddress.Parse(address);
        return http;
    }

    /// <summary>Makes the same call over HTTP and in process; both must refuse it with the same exception.</summary>
    private async Task<QuickPollApiException> AssertSameRefusalAsync(Func<IQuickPollApi, Task> call)
    {
        using var scope = Factory.Services.CreateScope();
        var viaHttp = await Assert.ThrowsAsync<QuickPollApiException>(() => call(Factory.CreateSdk()));
        var direct = await Assert.ThrowsAsync<QuickPollApiException>(() => call(scope.ServiceProvider.GetRequiredService<IQuickPollApi>()));
        AssertSame(viaHttp, direct);
        return direct;
    }

    private static void AssertSame(QuickPollApiException viaHttp, QuickPollApiException direct)
    {
        Assert.Equal(viaHttp.StatusCode, direct.StatusCode);
        Assert.Equal(viaHttp.Title, direct.Title);
        Assert.Equal(viaHttp.Detail, direct.Detail);
        Assert.Equal(viaHttp.Errors.Keys.Order(StringComparer.Ordinal), direct.Errors.Keys.Order(StringComparer.Ordinal));
        foreach (var (field, messages) in viaHttp.Errors)
        {
            Assert.Equal(messages, direct.Errors[field]);
        }
    }

    private static void AssertSameFigures(FeedbackSummary expected, FeedbackSummary actual)
    {
        Assert.Equal(expected.Kind, actual.Kind);
        Assert.Equal(expected.Count, actual.Count);
        Assert.Equal(expected.Average, actual.Average);
        Assert.Equal(expected.Distribution, actual.Distribution);
    }

    private static PollDefinition Poll() => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ]);
}
