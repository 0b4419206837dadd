using System.Globalization;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>A shopper rates a product on its page, with the mouse or with the keyboard alone.</summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class ProductPageTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
{
    // Generous: a 2-core CI machine builds, hosts the shop and runs Chromium at once.
    private const float Timeout = 30_000;

    private IBrowserContext context = default!;
    private IPage page = default!;

    private ILocator Summary => page.Locator(".qp-rating-summary");

    // The product's own StarRating (the comment box below has stars of its own).
    private ILocator StarRating => page.Locator("#rate-product .qp-star-rating");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        context = await shop.Browser.NewContextAsync(new()
        {
            BaseURL = shop.BaseAddress.ToString(),
            Locale = "en-US",
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task Clicking_the_fourth_star_updates_the_summary_without_reload_and_the_next_visit_prerenders_it()
    {
        await OpenProductAsync("mug-001");
        await Assertions.Expect(Summary).ToHaveAttributeAsync("data-count", "0");

        await StarLabel(4).ClickAsync();

        await Assertions.Expect(StarRating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(Summary).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(Summary).ToContainTextAsync("4.0 · 1 rating");

        await page.ReloadAsync();
        await Assertions.Expect(Summary).ToContainTextAsync("4.0 · 1 rating");
        await Assertions.Expect(Summary).ToHaveAttributeAsync("data-count", "1");

        // Without JavaScript only the prerendered HTML is there: the summary must already be in it.
        await using var staticContext = await shop.Browser.NewContextAsync(new() { BaseURL = shop.BaseAddress.ToString(), JavaScriptEnabled = false });
        var staticPage = await staticContext.NewPageAsync();
        await staticPage.GotoAsync("products/mug-001", new() { Timeout = Timeout });
        await Assertions.Expect(staticPage.Locator(".qp-rating-summary")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(staticPage.Locator(".qp-rating-summary")).ToContainTextAsync("4.0 · 1 rating");

        await Assertions.Expect(StarRating).ToHaveAttributeAsync("data-interactive", "yes");
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var screenshot = Path.Combine(DemoShopFixture.ScreenshotDirectory, "product-page.png");
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        output.WriteLine($"Screenshot: {screenshot}");
    }

    [Fact]
    public async Task A_keyboard_alone_selects_four_stars_with_the_arrows_and_submits_with_enter()
    {
        await OpenProductAsync("mug-001");
        var before = await CountAsync();

        await StarRadio(1).FocusAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Assertions.Expect(StarRadio(4)).ToBeCheckedAsync();
        await Assertions.Expect(StarRadio(4)).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(StarRating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(Summary).ToHaveAttributeAsync("data-count", (before + 1).ToString(CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task An_unknown_product_shows_a_friendly_message_with_status_404()
    {
        var response = await page.GotoAsync("products/no-such-sku");

        Assert.NotNull(response);
        Assert.Equal(404, response.Status);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("We couldn't find that page");
    }

    private async Task OpenProductAsync(string sku)
    {
        var response = await page.GotoAsync($"products/{sku}");
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET products/{sku} answered {response.Status}.");
        // Clicks before the circuit is up would hit the prerendered, inert markup.
        await Assertions.Expect(StarRating).ToHaveAttributeAsync("data-interactive", "yes");
    }

    private async Task<int> CountAsync()
    {
        var count = await Summary.GetAttributeAsync("data-count");
        return int.Parse(count ?? "0", CultureInfo.InvariantCulture);
    }

    private ILocator StarRadio(int stars) =>
        StarRating.GetByRole(AriaRole.Radio, new() { Name = $"{stars} of 5 stars", Exact = true });

    // The visible, clickable part of a star is its label.
    private ILocator StarLabel(int stars) =>
        StarRating.Locator("label").Filter(new() { HasText = $"{stars} of 5 stars" });
}
