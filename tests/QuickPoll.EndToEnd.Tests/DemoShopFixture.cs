using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Demo.Components;
using QuickPoll.Demo.PlainPage;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The demo shop on a real loopback port with its own empty SQLite file, and one headless Chromium.
/// Shared by every browser test; each test opens its own browser context.
/// </summary>
public class DemoShopFixture : IAsyncLifetime
{
    private readonly bool seedHistory;

    /// <summary>A shop without the demo's two months of history, so tests count from zero.</summary>
    public DemoShopFixture()
        : this(seedHistory: false)
    {
    }

    /// <summary>A shop with or without the demo's two months of history (<c>Demo:SeedHistory</c>).</summary>
    /// <param name="seedHistory">Whether the shop imports its two months of history at start-up.</param>
    protected DemoShopFixture(bool seedHistory) => this.seedHistory = seedHistory;

    /// <summary>Debian's Chromium: the only browser these tests use, so no browser download is ever needed.</summary>
    public const string ChromiumPath = "/usr/bin/chromium";

    /// <summary>The flags every browser test starts Chromium with.</summary>
    internal static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
    ];

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "quickpoll-e2e-" + Guid.NewGuid().ToString("N"));
    private DemoShopFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The running shop's address, for example <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The demo's plain HTML page, on its second origin, for example <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri PlainPageAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The headless Chromium.</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>Where tests save screenshots: <c>QUICKPOLL_E2E_ARTIFACTS</c>, or <c>TestResults/screenshots</c> in the test output.</summary>
    public static string ScreenshotDirectory =>
        Environment.GetEnvironmentVariable("QUICKPOLL_E2E_ARTIFACTS") is { Length: > 0 } configured
            ? Path.GetFullPath(Path.Combine(configured, "screenshots"))
            : Path.Combine(AppContext.BaseDirectory, "TestResults", "screenshots");

    /// <inheritdoc />
    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        factory = new DemoShopFactory(Path.Combine(dataDirectory, "quickpoll.db"), seedHistory);
        BaseAddress = new Uri(Chromium.StartOnRealPort(factory) + "/");
        // The plain page starts once the shop listens, and registers its site first.
        PlainPageAddress = await factory.Services.GetRequiredService<PlainPageSite>().AddressAsync.WaitAsync(TimeSpan.FromSeconds(60))
            ?? throw new InvalidOperationException("The demo's plain HTML page did not start.");
        if (seedHistory)
        {
            // The shop imports its history in the background once it listens.
            await factory.Services.GetRequiredService<DemoPoll>().SeedingFinished.WaitAsync(TimeSpan.FromSeconds(90));
        }

        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

    /// <inheritdoc />
    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        if (factory is not null)
        {
            await factory.DisposeAsync();
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed clean-up must not fail the run.
        }
    }

    private sealed class DemoShopFactory(string databasePath, bool seedHistory) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            // As `dotnet run` starts it (the launch profile's Development): the admin key and the API reference come from
            // appsettings.Development.json, and the dashboard's cookie may travel over the loopback's plain http.
            builder.UseEnvironment("Development");
            // UseSetting reaches Program's builder.Configuration, so the shop hosts the endpoint on this file.
            builder.UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("QuickPoll:ApiBaseAddress", "");
            builder.UseSetting("Demo:SeedHistory", seedHistory ? "true" : "false");
            // The minimum time between showing a comment form and sending it: 4 s, so that a plain post sent at once is refused
            // even on a busy machine (a post renders the whole page first), while every render mode proves it sends the token.
            builder.UseSetting("QuickPoll:Server:CommentMinimumSeconds", "4");
            // Any free port for the plain page's second origin, not the shop's port + 1, which another process may hold.
            builder.UseSetting("Demo:PlainPage:Port", "0");
        }
    }
}

/// <summary>The demo shop as a person who runs it first sees it: with the two months of history it imports into an empty shop.</summary>
public sealed class SeededDemoShopFixture() : DemoShopFixture(seedHistory: true);

/// <summary>Puts the browser tests that need the seeded history (the staff dashboard's) on one seeded shop.</summary>
[CollectionDefinition(Name)]
public sealed class SeededDemoShopTestGroup : ICollectionFixture<SeededDemoShopFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Seeded demo shop";
}

/// <summary>Puts all browser tests on one shop and one browser.</summary>
[CollectionDefinition(Name)]
public sealed class DemoShopTestGroup : ICollectionFixture<DemoShopFixture>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Demo shop";
}
