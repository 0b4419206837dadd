using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>How every browser test starts Debian's Chromium, and the apps it visits on real loopback ports.</summary>
internal static class Chromium
{
    /// <summary>Debian's Chromium, headless, with the flags every browser test uses; never a downloaded browser.</summary>
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        if (!File.Exists(DemoShopFixture.ChromiumPath))
        {
            throw new InvalidOperationException(
                $"Chromium was not found at {DemoShopFixture.ChromiumPath}. Install Debian's package (apt-get install -y chromium) " +
                "or run eng/test.sh, which installs it. These tests never download a browser of their own.");
        }

        return playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = DemoShopFixture.ChromiumPath,
            Headless = true,
            Args = DemoShopFixture.ChromiumArgs,
            Timeout = 60_000,
        });
    }

    /// <summary>Starts the app on a loopback port of its own (Kestrel, not the in-memory test server), for the browser.</summary>
    /// <returns>Its address without a trailing slash, for example <c>http://127.0.0.1:41234</c>.</returns>
    public static string StartOnRealPort<TEntryPoint>(WebApplicationFactory<TEntryPoint> factory)
        where TEntryPoint : class
    {
        factory.UseKestrel(0);
        factory.StartServer();
        return AddressOf(factory.Services);
    }

    /// <summary>The address a started app listens on, without a trailing slash.</summary>
    public static string AddressOf(IServiceProvider services) =>
        services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First().TrimEnd('/');
}
