using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace QuickPoll.Server.Tests.Hostile;

/// <summary>
/// Everything under <c>/api/v1</c> answers problem JSON (unknown paths 404, other methods 405 with Allow), in a host that
/// has routes of its own inside and outside the prefix and a catch-all page, as a Blazor or MVC shop has.
/// </summary>
public sealed class ApiPrefixTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly ShopHost _host;

    public ApiPrefixTests() => _host = new ShopHost(_database);

    public void Dispose()
    {
        _host.Dispose();
        _database.Dispose();
    }

    [Theory]
    [InlineData("GET", "/api/v1/nothing-here")]
    [InlineData("POST", "/api/v1/nothing-here")]
    [InlineData("POST", "/api/v1")]
    [InlineData("PUT", "/api/v1/answers/extra")]
    [InlineData("GET", "/api/v1/admin/nothing-here")]
    public async Task An_unknown_path_under_the_prefix_gets_a_404_problem_not_the_host_page(string method, string path)
    {
        using var response = await Send(method, path);

        await AssertProblemAsync(response, HttpStatusCode.NotFound, "path");
    }

    [Theory]
    [InlineData("DELETE", "/api/v1/answers", "POST")]
    [InlineData("GET", "/api/v1/comments/form/extra", null)]
    [InlineData("POST", "/api/v1/summaries", "GET")]
    [InlineData("DELETE", "/api/v1/admin/polls", "GET, POST")]
    [InlineData("POST", "/api/v1/shop-extra", "GET")]
    public async Task A_known_path_with_another_method_gets_a_405_problem_with_allow(string method, string path, string? allow)
    {
        using var response = await Send(method, path);

        if (allow is null)
        {
            await AssertProblemAsync(response, HttpStatusCode.NotFound, "path");
            return;
        }

        await AssertProblemAsync(response, HttpStatusCode.MethodNotAllowed, "method");
        Assert.Equal(allow, string.Join(", ", response.Content.Headers.Allow));
    }

    [Fact]
    public async Task The_host_routes_inside_and_outside_the_prefix_still_answer()
    {
        Assert.Equal("extra", await (await Send("GET", "/api/v1/shop-extra")).Content.ReadAsStringAsync());
        Assert.Equal("v2", await (await Send("POST", "/api/v2/things")).Content.ReadAsStringAsync());
        Assert.Equal("<p>page /checkout</p>", await (await Send("POST", "/checkout")).Content.ReadAsStringAsync());
        Assert.Equal("<p>page /api/v1x</p>", await (await Send("GET", "/api/v1x")).Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_public_and_admin_routes_still_answer()
    {
        using var summary = await Send("GET", "/api/v1/summaries?target=mug-001");
        var admin = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/keys");
        admin.Headers.Authorization = new AuthenticationHeaderValue("Bearer", QuickPollServerFactory.AdminKey);
        using var keys = await _host.CreateClient().SendAsync(admin);
        using var noKey = await Send("GET", "/api/v1/admin/keys");

        Assert.Equal(HttpStatusCode.OK, summary.StatusCode);
        Assert.Equal(HttpStatusCode.OK, keys.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, noKey.StatusCode);
    }

    [Theory]
    [InlineData("/api/v1/answers")]
    [InlineData("/api/v1/nothing-here")]
    public async Task Options_is_still_answered_for_cors(string path)
    {
        var preflight = new HttpRequestMessage(HttpMethod.Options, path);
        preflight.Headers.Add("Origin", "https://shop.example");
        preflight.Headers.Add("Access-Control-Request-Method", "POST");

        using var response = await _host.CreateClient().SendAsync(preflight);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
    }

    private Task<HttpResponseMessage> Send(string method, string path) =>
        _host.CreateClient().SendAsync(new HttpRequestMessage(new HttpMethod(method), path)
        {
            Content = method is "GET" or "DELETE" ? null : new StringContent("a=1", Encoding.UTF8, "application/x-www-form-urlencoded"),
        });

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {status}, got {response.StatusCode}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), body);
    }

    private sealed class ShopHost(TestDatabase database) : WebApplicationFactory<TestHostEntryPoint>
    {
        protected override IHostBuilder CreateHostBuilder() =>
            Host.CreateDefaultBuilder()
                .ConfigureHostConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]))
                .ConfigureWebHostDefaults(web => web
                    .UseSetting("QuickPoll:Server:ConnectionString", database.ConnectionString)
                    .UseSetting("QuickPoll:Server:AdminKey", QuickPollServerFactory.AdminKey)
                    .ConfigureServices(services =>
                    {
                        services.AddRouting();
                        services.AddQuickPollServer();
                    })
                    .Configure(app =>
                    {
                        app.UseRouting();
                        app.UseEndpoints(endpoints =>
                        {
                            endpoints.MapQuickPoll();
                            endpoints.MapQuickPollAdmin();
                            endpoints.MapGet("/api/v1/shop-extra", () => "extra");
                            endpoints.MapPost("/api/v2/things", () => "v2");
                            // A shop's pages: a catch-all page route for GET and POST, as Razor components and MVC map.
                            endpoints.MapMethods("/{**slug}", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) => $"<p>page {http.Request.Path}</p>");
                        });
                    }));

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);
    }
}
