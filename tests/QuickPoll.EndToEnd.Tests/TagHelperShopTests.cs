extern alias RazorPagesShop;

using System.Text.Json;
using Deque.AxeCore.Playwright;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// A Razor Pages product page built with QuickPoll's tag helpers, in Chromium with JavaScript off: the star rating's plain
/// form posts to the form handler, which answers with a redirect back to the page showing the thank-you and the new count.
/// </summary>
public sealed class TagHelperShopTests(TagHelperShopFixture shop, ITestOutputHelper output) : IClassFixture<TagHelperShopFixture>, IAsyncLifetime
{
    private const float Timeout = 30_000;

    private IBrowserContext? context;

    public Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (context is not null)
        {
            await context.DisposeAsync();
        }
    }

    [Fact]
    public async Task Without_javascript_a_star_rating_is_sent_and_the_page_shows_the_thank_you_and_the_new_count_and_axe_finds_nothing_serious()
    {
        context = await shop.Browser.NewContextAsync(new()
        {
            BaseURL = shop.BaseAddress.ToString(),
            Locale = "en-US",
            JavaScriptEnabled = false,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync("Product");
        Assert.True(response?.Ok, $"GET /Product answered {response?.Status}.");
        var before = await CountAsync();
        var summary = page.Locator("#summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await AssertAxeCleanAsync(page, "before");

        var rating = page.Locator("#rating");
        // The fourth star, as a visitor clicks it (the radio itself is visually hidden behind its star).
        await rating.Locator("label.qp-star").Nth(3).ClickAsync();
        await Assertions.Expect(rating.GetByRole(AriaRole.Radio, new() { Name = "4 of 5 stars" })).ToBeCheckedAsync();
        await RenderModeTests.PostAsync(page, rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }));

        Assert.Equal(new Uri(shop.BaseAddress, "Product?qp-form=qp-stars-mug-001&qp-outcome=sent%3A4").ToString(), page.Url);
        await Assertions.Expect(rating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(before + 1, await CountAsync());
        await AssertAxeCleanAsync(page, "after");

        // The thank-you page is a GET: reloading it sends nothing again.
        await page.ReloadAsync();
        Assert.Equal(before + 1, await CountAsync());
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoShopFixture.ScreenshotDirectory, "razor-pages-tag-helpers-sent.png"), FullPage = true });
    }

    // axe is a script: it checks the same address in a context where scripts run (the page itself has none, so it is the same page).
    private async Task AssertAxeCleanAsync(IPage page, string when)
    {
        await using var scripted = await shop.Browser.NewContextAsync(new() { Locale = "en-US", ViewportSize = new() { Width = 1280, Height = 900 } });
        var checking = await scripted.NewPageAsync();
        await checking.GotoAsync(page.Url);
        Assert.Equal(await page.Locator("#rating").GetAttributeAsync("data-state"), await checking.Locator("#rating").GetAttributeAsync("data-state"));
        Assert.Equal(0, await checking.Locator("script:not([type='application/ld+json'])").CountAsync());
        var results = await checking.RunAxe();
        var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
        output.WriteLine($"axe {when}: {results.Violations.Length} violations, {blocking.Count} serious or critical");
        Assert.True(blocking.Count == 0, string.Join("\n", blocking.Select(v =>
            $"{v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html)))));
    }

    private async Task<long> CountAsync()
    {
        var summary = await context!.APIRequest.GetAsync("api/v1/summaries?target=mug-001");
        Assert.True(summary.Ok, $"GET /api/v1/summaries answered {summary.Status}.");
        using var json = JsonDocument.Parse(await summary.TextAsync());
        return json.RootElement.GetProperty("count").GetInt64();
    }
}

/// <summary>The Razor Pages shop on a real loopback port with its own SQLite file, and one headless Chromium.</summary>
public sealed class TagHelperShopFixture : IAsyncLifetime
{
    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "quickpoll-e2e-razorpages-" + Guid.NewGuid().ToString("N"));
    private ShopFactory? factory;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The running shop's address.</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>The headless Chromium.</summary>
    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        factory = new ShopFactory(Path.Combine(dataDirectory, "quickpoll.db"));
        BaseAddress = new Uri(Chromium.StartOnRealPort(factory) + "/");
        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

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

    private sealed class ShopFactory(string databasePath) : WebApplicationFactory<RazorPagesShop::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={databasePath}");
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]));
        }
    }
}
