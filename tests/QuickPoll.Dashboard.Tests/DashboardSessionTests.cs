using System.Buffers.Text;
using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuickPoll.Contracts;

namespace QuickPoll.Dashboard.Tests;

public sealed class SqliteDashboardSessionTests() : DashboardSessionTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlDashboardSessionTests() : DashboardSessionTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// Dashboard sign-ins are sessions on the server: the cookie holds a random id, and logging out, logging out everywhere,
/// revoking the key or changing the configured key ends them, on every instance that shares the database.
/// </summary>
public abstract class DashboardSessionTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private const string Cookie = "quickpoll_dashboard";

    [Fact]
    public async Task The_cookie_holds_a_random_session_id_and_storage_only_its_hash()
    {
        var browser = DashboardBrowser.For(Factory);

        var id = DashboardBrowser.SessionCookie(await browser.LogInAsync(QuickPollServerFactory.AdminKey));

        Assert.NotNull(id);
        Assert.Equal(32, Base64Url.DecodeFromChars(id).Length);
        Assert.Equal([Convert.ToHexStringLower(SHA256.HashData(Base64Url.DecodeFromChars(id)))], Column("SELECT id_hash FROM dashboard_sessions;"));
        Assert.Equal(["config"], Column("SELECT admin_key_id FROM dashboard_sessions;"));
        var another = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey));
        Assert.NotEqual(id, another);
    }

    [Fact]
    public async Task Logging_out_ends_the_session_so_the_old_cookie_replayed_is_refused()
    {
        var browser = DashboardBrowser.For(Factory);
        var id = DashboardBrowser.SessionCookie(await browser.LogInAsync(QuickPollServerFactory.AdminKey))!;
        var token = await browser.TokenFromAsync("/quickpoll");

        var logout = await browser.PostAsync("/quickpoll/logout", ("__RequestVerificationToken", token));

        Assert.Equal("/quickpoll/login", logout.Headers.Location?.OriginalString);
        Assert.Contains(logout.Headers.GetValues("Set-Cookie"), c => c.StartsWith(Cookie + "=;", StringComparison.Ordinal));
        await AssertRefusedAsync(Factory, id);
        Assert.Empty(Column("SELECT id_hash FROM dashboard_sessions;"));
    }

    [Fact]
    public async Task Revoking_an_admin_key_ends_its_sessions_and_only_those()
    {
        var admin = Factory.CreateAdminSdk();
        var created = await admin.CreateAdminKeyAsync(new CreateAdminKeyRequest("Support desk"));
        var support = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(created.Key))!;
        var owner = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey))!;
        Assert.Equal(HttpStatusCode.OK, (await Replay(Factory, support)).StatusCode);

        await admin.RevokeAdminKeyAsync(created.Id);

        await AssertRefusedAsync(Factory, support);
        Assert.Equal(HttpStatusCode.OK, (await Replay(Factory, owner)).StatusCode);
        Assert.Equal(["config"], Column("SELECT admin_key_id FROM dashboard_sessions;"));
    }

    [Fact]
    public async Task Log_out_everywhere_ends_every_session_of_every_key()
    {
        var created = await Factory.CreateAdminSdk().CreateAdminKeyAsync(new CreateAdminKeyRequest("Support desk"));
        var other = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(created.Key))!;
        var browser = DashboardBrowser.For(Factory);
        var mine = DashboardBrowser.SessionCookie(await browser.LogInAsync(QuickPollServerFactory.AdminKey))!;
        var overview = await browser.PageAsync("/quickpoll");
        Assert.Contains("Log out everywhere", overview);

        var response = await browser.PostAsync("/quickpoll/logout-everywhere", ("__RequestVerificationToken", DashboardBrowser.Token(overview)));

        Assert.Equal("/quickpoll/login", response.Headers.Location?.OriginalString);
        await AssertRefusedAsync(Factory, mine);
        await AssertRefusedAsync(Factory, other);
        Assert.Empty(Column("SELECT id_hash FROM dashboard_sessions;"));
        // Signing in again works as before.
        Assert.NotNull(DashboardBrowser.SessionCookie(await browser.LogInAsync(QuickPollServerFactory.AdminKey)));
    }

    [Fact]
    public async Task Log_out_everywhere_needs_a_session_of_its_own()
    {
        var signedIn = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey))!;
        var stranger = DashboardBrowser.For(Factory);
        var token = await stranger.TokenFromAsync("/quickpoll/login");

        var response = await stranger.PostAsync("/quickpoll/logout-everywhere", ("__RequestVerificationToken", token));

        Assert.StartsWith("/quickpoll/login", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.OK, (await Replay(Factory, signedIn)).StatusCode);
    }

    [Fact]
    public async Task A_logout_on_one_instance_ends_the_session_on_every_instance_sharing_the_database()
    {
        using var second = new QuickPollServerFactory(Database);
        var browser = DashboardBrowser.For(Factory);
        var id = DashboardBrowser.SessionCookie(await browser.LogInAsync(QuickPollServerFactory.AdminKey))!;
        Assert.Equal(HttpStatusCode.OK, (await Replay(second, id)).StatusCode);

        await browser.PostAsync("/quickpoll/logout", ("__RequestVerificationToken", await browser.TokenFromAsync("/quickpoll")));

        await AssertRefusedAsync(second, id);
    }

    [Fact]
    public async Task Changing_the_configured_key_ends_its_sessions_after_a_restart()
    {
        var created = await Factory.CreateAdminSdk().CreateAdminKeyAsync(new CreateAdminKeyRequest("Support desk"));
        var old = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey))!;
        var support = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(created.Key))!;
        Factory.Dispose();

        using var restarted = new QuickPollServerFactory(Database, o => o.AdminKey = "the-new-admin-key-0123456789");

        await AssertRefusedAsync(restarted, old);
        Assert.Equal(HttpStatusCode.OK, (await Replay(restarted, support)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await DashboardBrowser.For(restarted).LogInAsync(QuickPollServerFactory.AdminKey)).StatusCode);
        Assert.Null(DashboardBrowser.SessionCookie(await DashboardBrowser.For(restarted).LogInAsync(QuickPollServerFactory.AdminKey)));
        Assert.NotNull(DashboardBrowser.SessionCookie(await DashboardBrowser.For(restarted).LogInAsync("the-new-admin-key-0123456789")));
    }

    [Fact]
    public async Task Changing_the_configured_key_on_a_configuration_reload_ends_its_sessions_at_once()
    {
        var old = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey))!;
        var configuration = (IConfigurationRoot)Factory.Services.GetRequiredService<IConfiguration>();

        configuration["QuickPoll:Server:AdminKey"] = "the-new-admin-key-0123456789";
        configuration.Reload();

        await AssertRefusedAsync(Factory, old);
        Assert.Null(DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey)));
        var admin = Factory.CreateClient();
        admin.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await admin.GetAsync("/api/v1/admin/keys")).StatusCode);
        Assert.NotNull(DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync("the-new-admin-key-0123456789")));
    }

    [Fact]
    public async Task The_configured_key_is_not_revoked_through_the_API_but_told_where_to_change_it()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);

        using var response = await client.DeleteAsync("/api/v1/admin/keys/config");

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Contains("configuration", problem.GetProperty("errors").GetProperty("keyId")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_expired_session_is_refused_and_swept_at_the_next_login()
    {
        var id = DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey))!;
        Execute($"UPDATE dashboard_sessions SET expires_at = '{DateTimeOffset.UtcNow.AddSeconds(-1).UtcDateTime:O}';");

        await AssertRefusedAsync(Factory, id);
        await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey);

        Assert.Single(Column("SELECT id_hash FROM dashboard_sessions;"));
        Assert.DoesNotContain(Convert.ToHexStringLower(SHA256.HashData(Base64Url.DecodeFromChars(id))), Column("SELECT id_hash FROM dashboard_sessions;"));
    }

    [Fact]
    public async Task Only_wrong_keys_count_against_the_login_limit()
    {
        for (var i = 0; i < 12; i++)
        {
            Assert.NotNull(DashboardBrowser.SessionCookie(await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey)));
        }

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await DashboardBrowser.For(Factory).LogInAsync($"wrong-key-number-{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, (await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey)).StatusCode);
    }

    [Theory]
    [InlineData("")]
    [InlineData("garbage")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("%00%01")]
    public async Task A_made_up_cookie_opens_nothing(string value) => await AssertRefusedAsync(Factory, value);

    [Fact]
    public async Task Outside_development_the_cookie_is_secure_even_behind_plain_http()
    {
        using var production = Factory.WithWebHostBuilder(b => b.UseEnvironment("Production"));
        var browser = new DashboardBrowser(production.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

        var cookie = Assert.Single((await browser.LogInAsync(QuickPollServerFactory.AdminKey)).Headers.GetValues("Set-Cookie"), c => c.StartsWith(Cookie + "=", StringComparison.Ordinal));

        Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; path=/quickpoll", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task In_development_over_plain_http_the_cookie_is_not_secure_so_a_local_dashboard_works()
    {
        using var development = Factory.WithWebHostBuilder(b => b.UseEnvironment("Development"));
        var browser = new DashboardBrowser(development.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true }));

        var cookie = Assert.Single((await browser.LogInAsync(QuickPollServerFactory.AdminKey)).Headers.GetValues("Set-Cookie"), c => c.StartsWith(Cookie + "=", StringComparison.Ordinal));

        Assert.DoesNotContain("secure", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Overview", await browser.PageAsync("/quickpoll"));
    }

    public static TheoryData<string> BadReturnUrls =>
    [
        "/quickpoll/caf\u00e9",
        "/quickpoll/\u202Eevil",
        "/quickpoll/\u00e9?x=\u00fc",
        "/quickpoll/%zz",
        "/quickpoll/%",
        "/quickpoll/%4",
        "/quickpoll/%FF%FE",
        "/quickpoll/%C3",
        "/quickpoll/%00",
        "/quickpoll/%0d%0aSet-Cookie:%20x=1",
        "/quickpoll/%2F%2Fevil.example",
        "/quickpoll/%5c%5cevil.example",
        "/quickpoll/%252e%252e/api",
        "/quickpoll\r\nSet-Cookie: x=1",
        "/quickpoll/ space",
        "https://evil.example/quickpoll",
        "//evil.example/quickpoll",
        "/\\evil.example",
        "javascript:alert(1)",
        "quickpoll",
        "\u00e9",
    ];

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task A_malformed_or_foreign_return_address_goes_to_the_overview_at_login(string returnUrl)
    {
        var response = await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey, returnUrl);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/quickpoll", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task A_malformed_or_foreign_return_address_goes_to_the_overview_when_already_signed_in(string returnUrl)
    {
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var response = await browser.GetAsync("/quickpoll/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/quickpoll", response.Headers.Location?.OriginalString);
    }

    [Theory]
    [MemberData(nameof(BadReturnUrls))]
    public async Task A_malformed_or_foreign_return_address_is_not_put_in_the_login_form(string returnUrl)
    {
        var response = await DashboardBrowser.For(Factory).GetAsync("/quickpoll/login?returnUrl=" + Uri.EscapeDataString(returnUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("name=\"returnUrl\" value=\"/quickpoll\"", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("/quickpoll/products/caf%C3%A9")]
    [InlineData("/quickpoll/breakdowns?kind=csat&by=segment")]
    public async Task A_dashboard_page_with_escapes_is_returned_to(string returnUrl)
    {
        var response = await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey, returnUrl);

        Assert.Equal(returnUrl, response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_page_with_a_non_ascii_path_sends_to_the_login_page_and_back()
    {
        var browser = DashboardBrowser.For(Factory);

        var redirect = await browser.GetAsync("/quickpoll/products/caf\u00e9");
        var back = await browser.LogInAsync(QuickPollServerFactory.AdminKey, Uri.UnescapeDataString(redirect.Headers.Location!.OriginalString.Split("returnUrl=")[1]));

        Assert.Equal(HttpStatusCode.Redirect, redirect.StatusCode);
        Assert.Equal("/quickpoll/products/caf%C3%A9", back.Headers.Location?.OriginalString);
    }

    private static Task<HttpResponseMessage> Replay(WebApplicationFactory<TestHostEntryPoint> factory, string sessionId)
    {
        var client = factory.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false });
        var request = new HttpRequestMessage(HttpMethod.Get, "/quickpoll");
        request.Headers.TryAddWithoutValidation("Cookie", $"{Cookie}={sessionId}");
        return client.SendAsync(request);
    }

    private static async Task AssertRefusedAsync(WebApplicationFactory<TestHostEntryPoint> factory, string sessionId)
    {
        using var response = await Replay(factory, sessionId);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/quickpoll/login", response.Headers.Location?.OriginalString);
    }

    private List<string> Column(string sql)
    {
        using var connection = Connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }

        return values;
    }

    private void Execute(string sql)
    {
        using var connection = Connect();
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private DbConnection Connect() => Database.Provider == QuickPollStorageProvider.PostgreSql
        ? new NpgsqlConnection(Database.ConnectionString)
        : new SqliteConnection(Database.ConnectionString);
}
