using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;

namespace QuickPoll.Server.Tests.Privacy;

/// <summary>The test server on a manual clock, with options of the test's own, and its SDKs.</summary>
internal static class PrivacyHosts
{
    public static WebApplicationFactory<TestHostEntryPoint> WithClock(
        this QuickPollServerFactory factory, ManualClock clock, Action<QuickPollServerOptions>? configure = null) =>
        factory.WithWebHostBuilder(web => web.ConfigureServices(services =>
        {
            services.AddSingleton<TimeProvider>(clock);
            if (configure is not null)
            {
                services.Configure(configure);
            }
        }));

    public static IQuickPollApi Sdk(this WebApplicationFactory<TestHostEntryPoint> host)
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(o => o.BaseAddress = new Uri("http://localhost/"))
            .ConfigurePrimaryHttpMessageHandler(() => host.Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();
    }

    public static IQuickPollAdminApi AdminSdk(this WebApplicationFactory<TestHostEntryPoint> host)
    {
        var services = new ServiceCollection();
        services.AddQuickPollAdminClient(o => (o.BaseAddress, o.AdminKey) = (new Uri("http://localhost/"), QuickPollServerFactory.AdminKey))
            .ConfigurePrimaryHttpMessageHandler(() => host.Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollAdminApi>();
    }

    /// <summary>Waits for something a background service does, failing after a while instead of hanging.</summary>
    public static async Task WaitUntil(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, $"Timed out waiting until {what}.");
            await Task.Delay(20);
        }
    }
}
