using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// Every demo page, in light and dark colour schemes: axe-core finds no serious or critical violation, and a
/// full-page screenshot of each is kept for people to look at.
/// </summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class AccessibilityTests(DemoShopFixture shop, ITestOutputHelper output)
{
    private const float Timeout = 30_000;

    /// <summary>The path that stands for the demo's plain HTML page, on its second origin.</summary>
    private const string PlainPage = "{plain-page}";

    /// <summary>
    /// Each page, its screenshot's name and, for pages that draw or go live after loading, an element that says the page is
    /// ready (interactive components, the script's drawn elements).
    /// </summary>
    public static TheoryData<string, string, string?> Pages => new()
    {
        { "", "home", null },
        { "products/mug-001", "product-mug", ".qp-star-rating[data-interactive=yes]" },
        { "products/tee-002", "product-tee", ".qp-thumbs-rating[data-interactive=yes]" },
        { "products/note-003", "product-notebook", ".qp-poll[data-interactive=yes]" },
        { "products/tote-004", "product-tote", ".qp-ces-rating[data-interactive=yes]" },
        { "integrations", "integrations", ".qp-star-rating[data-interactive=yes]" },
        { "modes/static", "modes-static", null },
        { "modes/server", "modes-server", ".qp-star-rating[data-interactive=yes]" },
        { "modes/webassembly", "modes-webassembly", ".qp-star-rating[data-interactive=yes]" },
        { "razor-pages/products/mug-001", "razor-pages-product", null },
        { PlainPage, "plain-page", "quickpoll-summary[data-state=loaded]" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violations_in_light_or_dark(string path, string name, string? ready)
    {
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var context = await shop.Browser.NewContextAsync(new()
            {
                BaseURL = shop.BaseAddress.ToString(),
                Locale = "en-US",
                ColorScheme = scheme,
                ViewportSize = new() { Width = 1280, Height = 900 },
            });
            context.SetDefaultTimeout(Timeout);
            var page = await context.NewPageAsync();
            var response = await page.GotoAsync(path == PlainPage ? shop.PlainPageAddress.ToString() : path);
            Assert.NotNull(response);
            Assert.True(response.Ok, $"GET {path} answered {response.Status}.");
            if (ready is not null)
            {
                // WebAssembly downloads and starts its runtime first.
                await Assertions.Expect(page.Locator(ready).First).ToBeAttachedAsync(new() { Timeout = 90_000 });
            }

            var results = await page.RunAxe();
            var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            var schemeName = scheme == ColorScheme.Dark ? "dark" : "light";
            await ScreenshotAsync(page, $"{name}-{schemeName}.png");
            Assert.True(blocking.Count == 0, $"/{path} ({schemeName}): " + string.Join("\n", blocking.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html)))));
        }
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
