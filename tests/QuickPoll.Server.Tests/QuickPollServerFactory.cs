using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuickPoll.Client;

namespace QuickPoll.Server.Tests;

/// <summary>Marks this assembly as the host's entry point for <see cref="WebApplicationFactory{TEntryPoint}"/>.</summary>
public sealed class TestHostEntryPoint;

/// <summary>
/// A host app with nothing but <c>AddQuickPollServer()</c>, <c>MapQuickPoll()</c>, <c>MapQuickPollAdmin()</c> and the
/// framework's OpenAPI document (<c>AddOpenApi()</c>, <c>MapOpenApi()</c>), as a shop developer would write it, on a database of its own.
/// The dashboard's tests compile this same file and add the dashboard through <see cref="AddPackages"/> and <see cref="MapPackages"/>.
/// </summary>
public sealed partial class QuickPollServerFactory(TestDatabase database, Action<QuickPollServerOptions>? configure = null) : WebApplicationFactory<TestHostEntryPoint>
{
    public const string OrderTokenSecret = "test-order-token-secret-0123456789abcdef";

    public TestDatabase Database { get; } = database;

    public const string AdminKey = "test-admin-key-0123456789";

    /// <summary>The real SDK, registered as a shop developer would, talking to this in-memory server.</summary>
    public IQuickPollApi CreateSdk(string? siteKey = null)
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(o => (o.BaseAddress, o.SiteKey) = (new Uri("http://localhost/"), siteKey))
            .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();
    }

    /// <summary>The staff's SDK, with the admin key (or another key, to test refusals).</summary>
    public IQuickPollAdminApi CreateAdminSdk(string? adminKey = AdminKey)
    {
        var services = new ServiceCollection();
        services.AddQuickPollAdminClient(o => (o.BaseAddress, o.AdminKey) = (new Uri("http://localhost/"), adminKey))
            .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollAdminApi>();
    }

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            // Hundreds of short-lived test hosts would each watch appsettings.json and run out of inotify instances.
            .ConfigureHostConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]))
            .ConfigureWebHostDefaults(web => web
                .UseSetting("QuickPoll:Server:Provider", Database.Provider.ToString())
                .UseSetting("QuickPoll:Server:ConnectionString", Database.ConnectionString)
                .UseSetting("QuickPoll:Server:AdminKey", AdminKey)
                .UseSetting("QuickPoll:Server:OrderTokenSecret", OrderTokenSecret)
                // Tests post comments straight away; the form token's timing has tests of its own, which set it back.
                .UseSetting("QuickPoll:Server:CommentMinimumSeconds", "0")
                .ConfigureServices(services =>
                {
                    services.AddRouting();
                    services.AddOpenApi();
                    services.AddQuickPollServer(configure);
                    AddPackages(services);
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints =>
                    {
                        endpoints.MapOpenApi();
                        endpoints.MapQuickPoll();
                        endpoints.MapQuickPollAdmin();
                        MapPackages(endpoints);
                    });
                }));

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseContentRoot(AppContext.BaseDirectory);

    /// <summary>Registers the services of another QuickPoll package the tests host beside the endpoint.</summary>
    static partial void AddPackages(IServiceCollection services);

    /// <summary>Maps the endpoints of another QuickPoll package the tests host beside the endpoint.</summary>
    static partial void MapPackages(IEndpointRouteBuilder endpoints);
}

/// <summary>Runs a test class once per storage provider: each test gets its own empty database and server.</summary>
public abstract class ServerTestBase : IDisposable
{
    protected ServerTestBase(QuickPollStorageProvider provider)
    {
        Database = TestDatabase.Create(provider);
        Factory = new QuickPollServerFactory(Database);
    }

    protected TestDatabase Database { get; }

    protected QuickPollServerFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        Database.Dispose();
        GC.SuppressFinalize(this);
    }
}
