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
/// would write it, on its own SQLite file.
/// </summary>
public sealed class QuickPollServerFactory : WebApplicationFactory<TestHostEntryPoint>
{
    public QuickPollServerFactory(string? databasePath = null)
    {
        DatabasePath = databasePath ?? Path.Combine(Path.GetTempPath(), $"quickpoll-test-{Guid.NewGuid():N}.db");
    }

    public string DatabasePath { get; }

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
                .UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={DatabasePath}")
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

    public void DeleteDatabase()
    {
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
