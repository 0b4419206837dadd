using System.Globalization;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// A Polish visitor picks "Polski" in the header: the culture cookie makes prerendering, the server circuit, static
/// pages and WebAssembly speak Polish, until "English" switches back. Each test has its own browser context, so the
/// cookie never reaches another test.
/// </summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class PolishShopTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = 30_000;

    private IBrowserContext context = default!;
    private IPage page = default!;

    private ILocator Languages => page.GetByRole(AriaRole.Navigation, new() { Name = "Language" });

    private ILocator Summary => page.Locator(".qp-rating-summary");

    private ILocator StarRating => page.Locator("#rate-product .qp-star-rating");

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        // An English browser: Polish comes from the visitor's choice, not from Accept-Language.
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
    public async Task Polski_in_the_header_puts_the_product_page_in_polish_and_a_keyboard_rating_thanks_and_counts_in_polish()
    {
        await OpenAsync("products/mug-001");
        await Assertions.Expect(Language("English")).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(Language("Polski")).Not.ToHaveAttributeAsync("aria-current", "true");

        await SwitchToAsync("Polski", "products/mug-001");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl-PL");
        await Assertions.Expect(Language("Polski")).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(Language("English")).Not.ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(StarRating.Locator("legend")).ToHaveTextAsync("Oceń ten produkt");
        var before = await CountAsync();
        await Assertions.Expect(Summary.Locator(before == 0 ? ".qp-summary-text" : ".qp-count")).ToHaveTextAsync(before == 0 ? "Brak ocen" : PolishRatings(before));

        // Keyboard only: focus the first star, three arrows to the fourth, Enter sends it.
        await StarRadio("1 z 5 gwiazdek").FocusAsync();
        for (var i = 0; i < 3; i++)
        {
            await page.Keyboard.PressAsync("ArrowRight");
        }

        await Assertions.Expect(StarRadio("4 z 5 gwiazdek")).ToBeCheckedAsync();
        await Assertions.Expect(StarRadio("4 z 5 gwiazdek")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(StarRating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(StarRating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dziękujemy za ocenę!");
        await Assertions.Expect(Summary).ToHaveAttributeAsync("data-count", (before + 1).ToString(CultureInfo.InvariantCulture));
        await Assertions.Expect(Summary.Locator(".qp-count")).ToHaveTextAsync(PolishRatings(before + 1));
        await ScreenshotAsync("product-mug-polish.png");

        await SwitchToAsync("English", "products/mug-001");

        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(Language("English")).ToHaveAttributeAsync("aria-current", "true");
        await Assertions.Expect(StarRating.Locator("legend")).ToHaveTextAsync("Rate this product");
        await Assertions.Expect(Summary.Locator(".qp-count")).ToHaveTextAsync(EnglishRatings(before + 1));
    }

    [Fact]
    public async Task The_choice_lasts_across_pages_static_and_webassembly_and_never_reaches_a_new_visitor()
    {
        await OpenAsync("");
        await SwitchToAsync("Polski", "");

        // Static rendering: plain forms, texts from the request's culture.
        await page.GotoAsync("modes/static");
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "pl-PL");
        await Assertions.Expect(page.Locator("#stars legend")).ToHaveTextAsync("Oceń ten produkt");
        await Assertions.Expect(page.Locator("#stars").GetByRole(AriaRole.Button, new() { Name = "Wyślij ocenę" })).ToBeVisibleAsync();

        // WebAssembly starts in the page's language and loads the Polish resources.
        await page.GotoAsync("modes/webassembly");
        await Assertions.Expect(page.Locator("#stars .qp-star-rating")).ToHaveAttributeAsync("data-interactive", "yes", new() { Timeout = 90_000 });
        await Assertions.Expect(page.Locator("#stars legend")).ToHaveTextAsync("Oceń ten produkt");
        await Assertions.Expect(page.Locator("#stars").GetByRole(AriaRole.Radio, new() { Name = "4 z 5 gwiazdek", Exact = true })).ToHaveCountAsync(1);
        await ScreenshotAsync("modes-webassembly-polish.png");

        await using var stranger = await shop.Browser.NewContextAsync(new() { BaseURL = shop.BaseAddress.ToString(), Locale = "en-US" });
        var strangerPage = await stranger.NewPageAsync();
        await strangerPage.GotoAsync("products/mug-001", new() { Timeout = Timeout });
        await Assertions.Expect(strangerPage.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Assertions.Expect(strangerPage.Locator("#rate-product legend")).ToHaveTextAsync("Rate this product");
    }

    [Fact]
    public async Task The_switch_goes_back_only_into_the_shop_and_knows_only_its_languages()
    {
        var offSite = await page.APIRequest.GetAsync("culture/set?culture=pl-PL&redirectUri=https%3A%2F%2Fexample.com%2F", new() { MaxRedirects = 0 });
        Assert.Equal(302, offSite.Status);
        Assert.Equal("/", offSite.Headers["location"]);

        var unknown = await page.APIRequest.GetAsync("culture/set?culture=xx-XX&redirectUri=%2F", new() { MaxRedirects = 0 });
        Assert.Equal(400, unknown.Status);
    }

    // CLDR's Polish rule, as in the components' resources: 1 ocena, 2–4 oceny (but 12–14 ocen), otherwise ocen.
    private static string PolishRatings(int count) => count switch
    {
        1 => "1 ocena",
        _ when count % 10 is >= 2 and <= 4 && count % 100 is not (>= 12 and <= 14) => $"{count} oceny",
        _ => $"{count} ocen",
    };

    private static string EnglishRatings(int count) => count == 1 ? "1 rating" : $"{count} ratings";

    private ILocator Language(string name) => Languages.GetByRole(AriaRole.Link, new() { Name = name, Exact = true });

    private ILocator StarRadio(string name) => StarRating.GetByRole(AriaRole.Radio, new() { Name = name, Exact = true });

    private async Task OpenAsync(string path)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}.");
        await WaitUntilInteractiveAsync(path);
    }

    // The switch is a full page load through /culture/set, back to the page it was clicked on.
    private async Task SwitchToAsync(string language, string path)
    {
        await Language(language).ClickAsync();
        // The old page had the other lang: once this one shows, the new document has loaded.
        await Assertions.Expect(page.Locator("html")).ToHaveAttributeAsync("lang", language == "Polski" ? "pl-PL" : "en");
        await Assertions.Expect(page).ToHaveURLAsync(shop.BaseAddress + path);
        await WaitUntilInteractiveAsync(path);
    }

    // Clicks before the circuit is up would hit the prerendered, inert markup.
    private async Task WaitUntilInteractiveAsync(string path)
    {
        if (path.StartsWith("products/mug", StringComparison.Ordinal))
        {
            await Assertions.Expect(StarRating).ToHaveAttributeAsync("data-interactive", "yes");
        }
    }

    private async Task<int> CountAsync()
    {
        await Assertions.Expect(Summary).ToHaveAttributeAsync("data-count", new Regex(@"^\d+$"));
        var count = await Summary.GetAttributeAsync("data-count");
        return int.Parse(count ?? "0", CultureInfo.InvariantCulture);
    }

    private async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
