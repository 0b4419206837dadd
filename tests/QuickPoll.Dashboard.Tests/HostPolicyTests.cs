using System.Net;
using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace QuickPoll.Dashboard.Tests;

/// <summary>A host that puts its own authorization policy on the dashboard: the host decides, there is no login page.</summary>
public sealed class HostPolicyTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();
    private readonly PolicyHost _host;

    public HostPolicyTests() => _host = new PolicyHost(_database);

    public void Dispose()
    {
        _host.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task A_user_the_host_admits_sees_the_dashboard_without_logging_in()
    {
        var browser = DashboardBrowser.For(_host);
        browser.Client.DefaultRequestHeaders.Add(StaffHeader.Name, "yes");

        var overview = await browser.PageAsync("/staff/quickpoll");
        var login = await browser.GetAsync("/staff/quickpoll/login");

        Assert.Contains("Net Promoter Score", overview);
        Assert.DoesNotContain("Log out", overview);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal("/staff/quickpoll", login.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_user_the_host_refuses_gets_the_host_answer_and_the_admin_key_does_not_help()
    {
        var browser = DashboardBrowser.For(_host);

        var page = await browser.GetAsync("/staff/quickpoll/moderation");
        var login = await browser.PostAsync("/staff/quickpoll/login", ("key", QuickPollServerFactory.AdminKey));

        Assert.Equal(HttpStatusCode.Unauthorized, page.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }

    private sealed class PolicyHost(TestDatabase database) : WebApplicationFactory<TestHostEntryPoint>
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
                        services.AddAuthentication(StaffHeader.Name).AddScheme<AuthenticationSchemeOptions, StaffHeader>(StaffHeader.Name, null);
                        services.AddAuthorization(o => o.AddPolicy("Staff", p => p.RequireAuthenticatedUser()));
                        services.AddQuickPollServer();
                        services.AddQuickPollDashboard();
                    })
                    .Configure(app =>
                    {
                        app.UseRouting();
                        app.UseAuthentication();
                        app.UseAuthorization();
                        app.UseEndpoints(endpoints => endpoints.MapQuickPollDashboard("/staff/quickpoll").RequireAuthorization("Staff"));
                    }));

        protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseContentRoot(AppContext.BaseDirectory);
    }

    /// <summary>The host's own sign-in, reduced to a header: <c>X-Staff: yes</c> is a member of staff.</summary>
    private sealed class StaffHeader(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "X-Staff";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync() =>
            Task.FromResult(Request.Headers[Name] == "yes"
                ? AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.Name, "staff")], Name)), Name))
                : AuthenticateResult.NoResult());
    }
}
