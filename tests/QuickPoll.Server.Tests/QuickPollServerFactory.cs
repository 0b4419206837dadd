using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuickPoll.Client;

namespace QuickPoll.Server.Tests;

/// <summary>Marks this assembly as the host's entry point for <see cref="WebApplicationFactory{TEntryPoint}"/>.</summary>
public sealed class TestHostEntryPoint;

/// <summary>
/// A host app with nothing but <c>AddQuickPollServer()</c> and <c>MapQuickPoll()</c>, as a shop developer
/// would write it, on a database of its own.
/// </summary>
public sealed class QuickPollServerFactory(TestDatabase database) : WebApplicationFactory<TestHostEntryPoint>
{
    public TestDatabase Database { get; } = database;

    /// <summary>The real SDK, registered as a shop developer would, talking to this in-memory server.</summary>
    public IQuickPollApi CreateSdk()
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(o => o.BaseAddress = new Uri("http://localhost/"))
            .ConfigurePrimaryHttpMessageHandler(() => Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();
    }

    protected override IHostBuilder CreateHostBuilder() =>
        Host.CreateDefaultBuilder()
            .ConfigureWebHostDefaults(web => web
                .UseSetting("QuickPoll:Server:Provider", Database.Provider.ToString())
                .UseSetting("QuickPoll:Server:ConnectionString", Database.ConnectionString)
                .ConfigureServices(services =>
                {
                    services.AddRouting();
                    services.AddQuickPollServer();
                })
                .Configure(app =>
                {
                    app.UseRouting();
                    app.UseEndpoints(endpoints => endpoints.MapQuickPoll());
                }));

    protected override void ConfigureWebHost(IWebHostBuilder builder) =>
        builder.UseContentRoot(AppContext.BaseDirectory);
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
