using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Access;

public sealed class SqliteSiteAccessTests() : SiteAccessTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlSiteAccessTests() : SiteAccessTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Sites with public keys and allowed origins: what a key lets a page do, CORS, and changes without a restart.</summary>
public abstract class SiteAccessTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private const string Shop = "https://shop.example";

    [Fact]
    public async Task A_site_gets_a_public_key_and_its_origins_in_the_form_browsers_send()
    {
        var site = await Factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("Mug shop", ["https://Shop.example:443", "http://localhost:5000"]));

        Assert.StartsWith("qp_pk_", site.PublicKey, StringComparison.Ordinal);
        Assert.Equal([Shop, "http://localhost:5000"], site.AllowedOrigins);
        var listed = Assert.Single(await Factory.CreateAdminSdk().ListSitesAsync());
        Assert.Equal((site.Id, site.Name, site.PublicKey), (listed.Id, listed.Name, listed.PublicKey));
        Assert.Equal(site.AllowedOrigins, listed.AllowedOrigins);
    }

    [Fact]
    public async Task A_wrong_origin_is_refused_naming_it_and_nothing_is_stored()
    {
        var admin = Factory.CreateAdminSdk();

        var refused = await Assert.ThrowsAsync<QuickPollApiException>(
            () => admin.CreateSiteAsync(new SiteDefinition("Mug shop", [Shop, "https://shop.example/reviews", "ftp://shop.example", "shop.example"])));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(["allowedOrigins[1]", "allowedOrigins[2]", "allowedOrigins[3]"], refused.Errors.Keys.Order());
        Assert.Empty(await admin.ListSitesAsync());
    }

    [Fact]
    public async Task An_unknown_key_gets_401_naming_the_header_and_stores_nothing()
    {
        using var response = await SubmitAsync("qp_pk_not-a-site", origin: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await AssertProblemNamesAsync(response, "X-QuickPoll-Site");
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_site_key_writes_from_its_origins_only_and_reads_from_anywhere()
    {
        var site = await Factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("Mug shop", [Shop]));

        using var fromShop = await SubmitAsync(site.PublicKey, Shop);
        using var fromElsewhere = await SubmitAsync(site.PublicKey, "https://evil.example");
        using var serverSide = await SubmitAsync(site.PublicKey, origin: null);
        using var read = await SendAsync(HttpMethod.Get, "/api/v1/summaries?target=mug-001", site.PublicKey, "https://evil.example");

        Assert.Equal(HttpStatusCode.OK, fromShop.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, fromElsewhere.StatusCode);
        await AssertProblemNamesAsync(fromElsewhere, "Origin");
        Assert.Equal(HttpStatusCode.OK, serverSide.StatusCode);
        Assert.Equal(HttpStatusCode.OK, read.StatusCode);
        Assert.Equal(2, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task Rotating_the_key_stops_the_old_one_at_once()
    {
        var admin = Factory.CreateAdminSdk();
        var site = await admin.CreateSiteAsync(new SiteDefinition("Mug shop", [Shop]));

        var rotated = await admin.RotateSitePublicKeyAsync(site.Id);

        Assert.NotEqual(site.PublicKey, rotated.PublicKey);
        using var old = await SubmitAsync(site.PublicKey, Shop);
        using var fresh = await SubmitAsync(rotated.PublicKey, Shop);
        Assert.Equal(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.Equal(HttpStatusCode.OK, fresh.StatusCode);
    }

    [Fact]
    public async Task Changed_origins_apply_to_the_next_request()
    {
        var admin = Factory.CreateAdminSdk();
        var site = await admin.CreateSiteAsync(new SiteDefinition("Mug shop", [Shop]));
        using var before = await SubmitAsync(site.PublicKey, "https://mugs.example");

        var changed = await admin.UpdateSiteAsync(site.Id, new SiteDefinition("Mug shop EU", ["https://mugs.example"]));

        using var after = await SubmitAsync(site.PublicKey, "https://mugs.example");
        using var dropped = await SubmitAsync(site.PublicKey, Shop);
        Assert.Equal(HttpStatusCode.Forbidden, before.StatusCode);
        Assert.Equal("Mug shop EU", changed.Name);
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, dropped.StatusCode);
    }

    [Fact]
    public async Task Changing_an_unknown_site_is_404_naming_it()
    {
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk().RotateSitePublicKeyAsync("nope"));

        Assert.Equal(HttpStatusCode.NotFound, refused.StatusCode);
        Assert.Contains("siteId", refused.Errors.Keys);
    }

    [Fact]
    public async Task When_keys_are_required_a_request_without_one_gets_401()
    {
        using var factory = new QuickPollServerFactory(Database, o => o.RequireSiteKey = true);
        var client = factory.CreateClient();
        var site = await factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("Mug shop", [Shop]));

        using var without = await client.GetAsync("/api/v1/summaries?target=mug-001");
        using var with = await SendAsync(client, HttpMethod.Get, "/api/v1/summaries?target=mug-001", site.PublicKey, origin: null);

        Assert.Equal(HttpStatusCode.Unauthorized, without.StatusCode);
        await AssertProblemNamesAsync(without, "X-QuickPoll-Site");
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
    }

    [Fact]
    public async Task The_SDK_sends_the_site_key_it_is_given()
    {
        using var factory = new QuickPollServerFactory(Database, o => o.RequireSiteKey = true);
        var site = await factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("Mug shop", [Shop]));

        var withKey = factory.CreateSdk(site.PublicKey);
        var withoutKey = factory.CreateSdk();

        Assert.Equal(5, (await withKey.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5))).Summary.Average);
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => withoutKey.GetSummaryAsync("mug-001"));
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }

    [Fact]
    public async Task A_preflight_from_an_allowed_origin_is_answered_and_others_get_no_CORS_headers()
    {
        var site = await Factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("Mug shop", [Shop]));
        var client = Factory.CreateClient();

        using var allowed = await PreflightAsync(client, Shop);
        using var other = await PreflightAsync(client, "https://evil.example");
        using var actual = await SendAsync(client, HttpMethod.Post, "/api/v1/answers", site.PublicKey, Shop,
            JsonContent.Create(new SubmitAnswerRequest("mug-001", 4), QuickPollJsonContext.Default.SubmitAnswerRequest));

        Assert.True(allowed.IsSuccessStatusCode);
        Assert.Equal(Shop, Assert.Single(allowed.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Contains("POST", allowed.Headers.GetValues("Access-Control-Allow-Methods").Single(), StringComparison.Ordinal);
        var headers = allowed.Headers.GetValues("Access-Control-Allow-Headers").Single();
        Assert.Contains("X-QuickPoll-Site", headers, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Content-Type", headers, StringComparison.OrdinalIgnoreCase);
        Assert.False(other.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal(HttpStatusCode.OK, actual.StatusCode);
        Assert.Equal(Shop, Assert.Single(actual.Headers.GetValues("Access-Control-Allow-Origin")));
        Assert.Equal(1, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_site_created_after_start_up_is_allowed_by_CORS_at_once()
    {
        var client = Factory.CreateClient();
        using var before = await PreflightAsync(client, "https://new-shop.example");

        await Factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("New shop", ["https://new-shop.example"]));

        using var after = await PreflightAsync(client, "https://new-shop.example");
        Assert.False(before.Headers.Contains("Access-Control-Allow-Origin"));
        Assert.Equal("https://new-shop.example", Assert.Single(after.Headers.GetValues("Access-Control-Allow-Origin")));
    }

    private static async Task<HttpResponseMessage> PreflightAsync(HttpClient client, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/api/v1/answers");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,x-quickpoll-site");
        return await client.SendAsync(request);
    }

    private Task<HttpResponseMessage> SubmitAsync(string siteKey, string? origin) =>
        SendAsync(HttpMethod.Post, "/api/v1/answers", siteKey, origin,
            JsonContent.Create(new SubmitAnswerRequest("mug-001", 5), QuickPollJsonContext.Default.SubmitAnswerRequest));

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, string siteKey, string? origin, HttpContent? content = null) =>
        SendAsync(Factory.CreateClient(), method, path, siteKey, origin, content);

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string siteKey, string? origin, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Add("X-QuickPoll-Site", siteKey);
        if (origin is not null)
        {
            request.Headers.Add("Origin", origin);
        }

        return await client.SendAsync(request);
    }

    private static async Task AssertProblemNamesAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"the problem names {field}");
    }
}
