using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Tests.RateLimits;

public sealed class SqliteRateLimitTests() : RateLimitTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlRateLimitTests() : RateLimitTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// The per-address limits <c>MapQuickPoll()</c> applies by itself. Each request says which address it comes from
/// in a test header, which a test-only middleware turns into the connection's remote address.
/// </summary>
public abstract class RateLimitTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private const string AddressHeader = "X-Test-Remote-Address";
    private const string Shopper = "203.0.113.7";
    private const string OtherShopper = "198.51.100.23";

    [Fact]
    public async Task A_burst_beyond_the_limit_is_refused_with_429_Retry_After_and_a_problem()
    {
        var host = Host(limits => (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (60, 3));
        var client = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
        }

        using var refused = await SubmitAsync(client, Shopper, "mug-001");

        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        var retryAfter = Assert.Single(refused.Headers.GetValues("Retry-After"));
        Assert.InRange(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture), 1, 60);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal(429, problem.RootElement.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(problem.RootElement.GetProperty("title").GetString()));

        // One submission a second refills the bucket: after Retry-After the address may submit again. The refill runs on
        // a shared timer that a loaded test machine may run late, so allow a little slack (a refused try costs no token).
        await Task.Delay(TimeSpan.FromSeconds(int.Parse(retryAfter, System.Globalization.CultureInfo.InvariantCulture)));
        var deadline = DateTime.UtcNow.AddSeconds(5);
        HttpStatusCode status;
        while ((status = (await SubmitAsync(client, Shopper, "mug-001")).StatusCode) == HttpStatusCode.TooManyRequests && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Fact]
    public async Task Other_addresses_are_unaffected()
    {
        var host = Host(limits => (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (1, 2));
        var client = host.CreateClient();
        await SubmitAsync(client, Shopper, "mug-001");
        await SubmitAsync(client, Shopper, "mug-001");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, OtherShopper, "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, "2001:db8:1::5", "mug-001")).StatusCode);
    }

    [Fact]
    public async Task IPv6_addresses_count_per_64_network()
    {
        var host = Host(limits => (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (1, 2));
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, "2001:db8:1:2::1", "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, "2001:db8:1:2::ffff", "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, "2001:db8:1:2:abcd::9", "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, "2001:db8:1:3::1", "mug-001")).StatusCode);
    }

    [Fact]
    public async Task Each_site_has_its_own_share_of_an_address()
    {
        var host = Host(limits => (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (1, 2));
        var client = host.CreateClient();
        var registry = host.Services.GetRequiredService<Sites.SiteRegistry>();
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/sites")
        {
            Content = JsonContent.Create(new SiteDefinition("Mug shop", []), QuickPollJsonContext.Default.SiteDefinition),
        };
        create.Headers.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);
        var site = await (await client.SendAsync(create)).Content.ReadFromJsonAsync(QuickPollJsonContext.Default.RegisteredSite);
        Assert.NotNull(registry.Find(site!.PublicKey));

        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);

        // The same address through the site's key: a bucket of its own, limited in turn.
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001", siteKey: site.PublicKey)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001", siteKey: site.PublicKey)).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, Shopper, "mug-001", siteKey: site.PublicKey)).StatusCode);
    }

    [Fact]
    public async Task Reads_and_writes_are_limited_separately()
    {
        var host = Host(limits =>
        {
            (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (1, 2);
            (limits.ReadsPerMinute, limits.ReadBurst) = (1, 3);
        });
        var client = host.CreateClient();

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(client, Shopper, "/api/v1/summaries?target=mug-001")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await ReadAsync(client, Shopper, "/api/v1/comments?target=mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await ReadAsync(client, OtherShopper, "/api/v1/summaries?target=mug-001")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_limit_never_refuses()
    {
        var host = Host(limits =>
        {
            (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (0, 1);
            (limits.ReadsPerMinute, limits.ReadBurst) = (null, 1);
        });
        var client = host.CreateClient();

        for (var i = 0; i < 40; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await ReadAsync(client, Shopper, "/api/v1/summaries?target=mug-001")).StatusCode);
        }
    }

    [Fact]
    public async Task The_loopback_address_is_limited_like_any_other()
    {
        // Behind a same-host proxy that forwards nothing, every visitor arrives from loopback; the shop's own pages call in process.
        var host = Host(limits => (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (1, 1));
        var client = host.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, "127.0.0.1", "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, "127.0.0.1", "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, "::1", "mug-001")).StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, (await SubmitAsync(client, "::1", "mug-001")).StatusCode);
    }

    [Fact]
    public async Task Nothing_of_a_refused_request_is_stored()
    {
        var host = Host(
            limits => (limits.SubmissionsPerMinute, limits.SubmissionBurst) = (1, 1),
            options => options.VisitorCookie = true);
        var client = host.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = false });
        using var create = new HttpRequestMessage(HttpMethod.Post, "/api/v1/admin/polls") { Content = Json(Poll()) };
        create.Headers.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);
        var poll = await (await client.SendAsync(create)).Content.ReadFromJsonAsync(QuickPollJsonContext.Default.PollSummary);
        Assert.Equal(HttpStatusCode.OK, (await SubmitAsync(client, Shopper, "mug-001")).StatusCode);

        using var answer = await SubmitAsync(client, Shopper, "mug-001", score: 1);
        using var vote = await SendAsync(client, Shopper, HttpMethod.Post, $"/api/v1/polls/{poll!.Id}/votes", new PollVoteRequest(["price"]));
        using var comment = await SendAsync(client, Shopper, HttpMethod.Post, "/api/v1/comments", new SubmitCommentRequest("mug-001", "Refused, never stored."));

        Assert.All([answer, vote, comment], refused =>
        {
            Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
            Assert.False(refused.Headers.Contains("Set-Cookie"), "A refused request set the visitor cookie.");
        });
        var summary = await (await ReadAsync(client, OtherShopper, "/api/v1/summaries?target=mug-001")).Content.ReadFromJsonAsync(QuickPollJsonContext.Default.FeedbackSummary);
        Assert.Equal(1, summary!.Count);
        Assert.Equal(5.0, summary.Average);
        var results = await (await ReadAsync(client, OtherShopper, $"/api/v1/polls/{poll.Id}/results")).Content.ReadFromJsonAsync(QuickPollJsonContext.Default.PollResults);
        Assert.Equal(0, results!.Voters);
        var comments = await (await ReadAsync(client, OtherShopper, "/api/v1/comments?target=mug-001")).Content.ReadFromJsonAsync(QuickPollJsonContext.Default.CommentPage);
        Assert.Equal(0, comments!.Total);
    }

    [Theory]
    [InlineData("203.0.113.7", "203.0.113.7")]
    [InlineData("::ffff:203.0.113.7", "203.0.113.7")]
    [InlineData("2001:db8:1:2:3:4:5:6", "2001:db8:1:2::/64")]
    [InlineData("127.0.0.1", "127.0.0.1")]
    [InlineData("::1", "::/64")]
    public void Addresses_are_grouped_into_buckets(string address, string? bucket) =>
        Assert.Equal(bucket, ClientRateLimits.PartitionOf(IPAddress.Parse(address)));

    private static PollDefinition Poll() => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ]);

    /// <summary>The test's server with these limits; disposed with <see cref="ServerTestBase.Factory"/>.</summary>
    private WebApplicationFactory<TestHostEntryPoint> Host(Action<QuickPollRateLimitOptions> limits, Action<QuickPollServerOptions>? options = null) =>
        Factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
        {
            services.AddSingleton<IStartupFilter, RemoteAddressFromHeader>();
            services.Configure<QuickPollServerOptions>(o =>
            {
                limits(o.RateLimit);
                options?.Invoke(o);
            });
        }));

    private static Task<HttpResponseMessage> SubmitAsync(HttpClient client, string address, string target, int score = 5, string? siteKey = null) =>
        SendAsync(client, address, HttpMethod.Post, "/api/v1/answers", new SubmitAnswerRequest(target, score), siteKey);

    private static Task<HttpResponseMessage> ReadAsync(HttpClient client, string address, string path) =>
        SendAsync(client, address, HttpMethod.Get, path, null);

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string address, HttpMethod method, string path, object? body, string? siteKey = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Add(AddressHeader, address);
        if (siteKey is not null)
        {
            request.Headers.Add("X-QuickPoll-Site", siteKey);
        }

        if (body is not null)
        {
            request.Content = Json(body);
        }

        return client.SendAsync(request);
    }

    private static JsonContent Json(object body) =>
        JsonContent.Create(body, QuickPollJsonContext.Default.GetTypeInfo(body.GetType())!);

    /// <summary>Stands in for a real connection's remote address (or <c>UseForwardedHeaders()</c>) in the in-memory test server.</summary>
    private sealed class RemoteAddressFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                if (http.Request.Headers.TryGetValue(AddressHeader, out var address))
                {
                    http.Connection.RemoteIpAddress = IPAddress.Parse(address.ToString());
                }

                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
