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

    /// <summary>Each page, its screenshot's name and, for interactive pages, an element that says the page is live.</summary>
    public static TheoryData<string, string, string?> Pages => new()
    {
        { "", "home", null },
        { "products/mug-001", "product-mug", ".qp-star-rating" },
        { "products/tee-002", "product-tee", ".qp-thumbs-rating" },
        { "products/note-003", "product-notebook", ".qp-poll" },
        { "products/tote-004", "product-tote", ".qp-ces-rating" },
        { "integrations", "integrations", ".qp-star-rating" },
        { "modes/static", "modes-static", null },
        { "modes/server", "modes-server", ".qp-star-rating" },
        { "modes/webassembly", "modes-webassembly", ".qp-star-rating" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_page_has_no_serious_or_critical_accessibility_violations_in_light_or_dark(string path, string name, string? interactiveRoot)
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
            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.True(response.Ok, $"GET {path} answered {response.Status}.");
            if (interactiveRoot is not null)
            {
                // WebAssembly downloads and starts its runtime first.
                await Assertions.Expect(page.Locator(interactiveRoot).First)
                    .ToHaveAttributeAsync("data-interactive", "yes", new() { Timeout = 90_000 });
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
