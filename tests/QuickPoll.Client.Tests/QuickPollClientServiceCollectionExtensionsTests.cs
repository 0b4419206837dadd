using System.Net;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Client.Tests;

public sealed class QuickPollClientServiceCollectionExtensionsTests
{
    private const string ReceiptJson = """{"answerId":7,"summary":{"target":"mug-001","kind":"stars","count":1,"average":4,"distribution":[0,0,0,1,0]}}""";

    [Fact]
    public async Task A_submission_posts_json_to_the_versioned_api_and_reads_the_receipt()
    {
        var server = new ScriptedHandler(_ => Json(HttpStatusCode.OK, ReceiptJson));
        var api = CreateApi(server);

        var receipt = await api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));

        var sent = Assert.Single(server.Requests);
        Assert.Equal(HttpMethod.Post, sent.Method);
        Assert.Equal("http://shop.test/api/v1/answers", sent.Uri);
        Assert.Contains("\"score\":4", sent.Body, StringComparison.Ordinal);
        Assert.Contains("\"kind\":\"stars\"", sent.Body, StringComparison.Ordinal);
        Assert.Equal(7, receipt.AnswerId);
        Assert.Equal(4.0, receipt.Summary.Average);
    }

    [Fact]
    public async Task A_summary_read_names_the_target_and_kind_in_the_query()
    {
        var server = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"target":"a b","kind":"nps","count":0,"average":0,"distribution":[0,0,0,0,0,0,0,0,0,0,0]}"""));

        var summary = await CreateApi(server).GetSummaryAsync("a b", FeedbackKind.Nps);

        Assert.Equal("http://shop.test/api/v1/summaries?target=a%20b&kind=nps", Assert.Single(server.Requests).Uri);
        Assert.Equal(FeedbackKind.Nps, summary.Kind);
    }

    [Fact]
    public async Task A_retried_submission_carries_the_same_idempotency_key_so_it_is_stored_once()
    {
        var attempt = 0;
        var server = new ScriptedHandler(_ => ++attempt == 1
            ? new HttpResponseMessage(HttpStatusCode.ServiceUnavailable)
            : Json(HttpStatusCode.OK, ReceiptJson));

        await CreateApi(server).SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));

        Assert.Equal(2, server.Requests.Count);
        var keys = server.Requests.Select(r => r.IdempotencyKey).ToArray();
        Assert.False(string.IsNullOrEmpty(keys[0]));
        Assert.Equal(keys[0], keys[1]);
    }

    [Fact]
    public async Task Two_separate_submissions_get_different_idempotency_keys()
    {
        var server = new ScriptedHandler(_ => Json(HttpStatusCode.OK, ReceiptJson));
        var api = CreateApi(server);

        await api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));
        await api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));

        Assert.NotEqual(server.Requests[0].IdempotencyKey, server.Requests[1].IdempotencyKey);
    }

    [Fact]
    public async Task A_key_of_the_callers_choosing_is_sent_as_is_every_time()
    {
        var server = new ScriptedHandler(_ => Json(HttpStatusCode.OK, ReceiptJson));
        var api = CreateApi(server);

        await api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4), "form-key-0123456789abcdef");
        await api.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4), "form-key-0123456789abcdef");

        Assert.Equal(["form-key-0123456789abcdef", "form-key-0123456789abcdef"], server.Requests.Select(r => r.IdempotencyKey));
    }

    [Fact]
    public async Task A_rejected_answer_surfaces_as_a_problem_naming_the_field()
    {
        var server = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.BadRequest)
        {
            Content = new StringContent("""{"title":"The request has invalid fields.","status":400,"errors":{"score":["The score must be between 1 and 5."]}}""", Encoding.UTF8, "application/problem+json"),
        });

        var exception = await Assert.ThrowsAsync<QuickPollApiException>(() => CreateApi(server).SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 9)));

        Assert.Equal(HttpStatusCode.BadRequest, exception.StatusCode);
        Assert.Equal(["The score must be between 1 and 5."], exception.Errors["score"]);
        Assert.Single(server.Requests); // a client error is not retried
    }

    [Fact]
    public void Without_a_base_address_the_first_call_says_what_to_configure()
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(_ => { });
        using var provider = services.BuildServiceProvider();

        var exception = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IQuickPollApi>());

        Assert.Contains("BaseAddress", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_base_address_and_admin_key_can_come_from_configuration()
    {
        var server = new ScriptedHandler(_ => Json(HttpStatusCode.OK, "[]"));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuickPoll:Client:BaseAddress"] = "http://feedback.test/",
            ["QuickPoll:Client:AdminKey"] = "from-configuration",
        }).Build());
        services.AddQuickPollAdminClient(_ => { }).ConfigurePrimaryHttpMessageHandler(() => server);

        await services.BuildServiceProvider().GetRequiredService<IQuickPollAdminApi>().ListPollsAsync();

        var sent = Assert.Single(server.Requests);
        Assert.Equal("http://feedback.test/api/v1/admin/polls", sent.Uri);
        Assert.Equal("Bearer from-configuration", sent.Authorization);
    }

    [Fact]
    public async Task Every_public_call_carries_the_site_key_from_configuration_and_no_admin_key()
    {
        var server = new ScriptedHandler(_ => Json(HttpStatusCode.OK, """{"formToken":"t","minimumSeconds":3}"""));
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["QuickPoll:Client:BaseAddress"] = "http://feedback.test/",
            ["QuickPoll:Client:SiteKey"] = "qp_pk_from-configuration",
            ["QuickPoll:Client:AdminKey"] = "never-sent-by-the-public-client",
        }).Build());
        services.AddQuickPollClient(_ => { }).ConfigurePrimaryHttpMessageHandler(() => server);
        var api = services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();

        var form = await api.GetCommentFormAsync("mug-001");
        await api.GetCommentFormAsync("mug-001");

        Assert.Equal(3, form.MinimumSeconds);
        Assert.All(server.Requests, sent =>
        {
            Assert.Equal("http://feedback.test/api/v1/comments/form?target=mug-001", sent.Uri);
            Assert.Equal("qp_pk_from-configuration", sent.SiteKey);
            Assert.Null(sent.Authorization);
        });
    }

    [Fact]
    public async Task A_staff_change_is_not_retried_because_it_carries_no_idempotency_key()
    {
        var server = new ScriptedHandler(_ => new HttpResponseMessage(HttpStatusCode.ServiceUnavailable));
        var services = new ServiceCollection();
        services.AddQuickPollAdminClient(o => (o.BaseAddress, o.AdminKey) = (new Uri("http://shop.test/"), "key"))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        var admin = services.BuildServiceProvider().GetRequiredService<IQuickPollAdminApi>();

        await Assert.ThrowsAnyAsync<Exception>(() => admin.CreatePollAsync(new PollDefinition(
            new Dictionary<string, string> { ["en"] = "Q?" },
            [new("a", new Dictionary<string, string> { ["en"] = "A" }), new("b", new Dictionary<string, string> { ["en"] = "B" })])));

        Assert.Single(server.Requests);
    }

    [Fact]
    public void Null_arguments_are_refused()
    {
        Assert.Throws<ArgumentNullException>(() => QuickPollClientServiceCollectionExtensions.AddQuickPollClient(null!, _ => { }));
        Assert.Throws<ArgumentNullException>(() => new ServiceCollection().AddQuickPollClient(null!));
    }

    private static IQuickPollApi CreateApi(ScriptedHandler server)
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(o => o.BaseAddress = new Uri("http://shop.test/"))
            .ConfigurePrimaryHttpMessageHandler(() => server);
        return services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();
    }

    private static HttpResponseMessage Json(HttpStatusCode status, string json) =>
        new(status) { Content = new StringContent(json, Encoding.UTF8, "application/json") };

    private sealed record SentRequest(HttpMethod Method, string Uri, string Body, string? IdempotencyKey, string? Authorization)
    {
        public string? SiteKey { get; init; }
    }

    /// <summary>Plays the server's part: records what arrives and answers as scripted.</summary>
    private sealed class ScriptedHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
    {
        public List<SentRequest> Requests { get; } = [];

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
            Requests.Add(new SentRequest(
                request.Method,
                request.RequestUri!.AbsoluteUri,
                body,
                request.Headers.TryGetValues("Idempotency-Key", out var keys) ? keys.Single() : null,
                request.Headers.Authorization?.ToString())
            {
                SiteKey = request.Headers.TryGetValues("X-QuickPoll-Site", out var sites) ? string.Join(',', sites) : null,
            });
            var response = respond(request);
            response.RequestMessage = request;
            return response;
        }
    }
}
