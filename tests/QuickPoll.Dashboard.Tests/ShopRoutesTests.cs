using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace QuickPoll.Dashboard.Tests;

/// <summary>The dashboard in a shop that has a catch-all page route for GET and POST, as Blazor and MVC shops map.</summary>
public sealed class ShopRoutesTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly ShopHost _host;

    public ShopRoutesTests() => _host = new ShopHost(_database);

    public void Dispose()
    {
        _host.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task The_dashboard_answers_beside_the_api_and_the_shop_pages()
    {
        var client = _host.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var login = await client.GetAsync("/quickpoll/login");
        using var unknownApi = await client.GetAsync("/api/v1/nothing-here");
        using var page = await client.GetAsync("/checkout");

        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        Assert.Equal("text/html", login.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Admin key", await login.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("<p>page /checkout</p>", await page.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Mapping_the_dashboard_without_its_services_names_the_missing_call()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddQuickPollServer(o => o.ConnectionString = _database.ConnectionString);
        await using var app = builder.Build();

        var error = Assert.Throws<InvalidOperationException>(() => app.MapQuickPollDashboard());

        Assert.Contains("AddQuickPollDashboard()", error.Message, StringComparison.Ordinal);
    }

    private sealed class ShopHost(TestDatabase database) : WebApplicationFactory<TestHostEntryPoint>
    {
        protected override IHostBuilder CreateHostBuilder() =>
            Host.CreateDefaultBuilder()
                .ConfigureHostConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]))
                .ConfigureWebHostDefaults(web => web
                    .UseSetting("QuickPoll:Server:ConnectionString", database.ConnectionString)
                    .UseSetting("QuickPoll:Server:AdminKey", QuickPollServerFactory.AdminKey)
                    .ConfigureServices(services => services.AddRouting().AddQuickPollServer().AddQuickPollDashboard())
                    .Configure(app => app.UseRouting().UseEndpoints(endpoints =>
                    {
                        endpoints.MapQuickPoll();
                        endpoints.MapQuickPollDashboard();
                        endpoints.MapMethods("/{**slug}", [HttpMethods.Get, HttpMethods.Post], (HttpContext http) => $"<p>page {http.Request.Path}</p>");
                    })));

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);
    }
}
