using Deque.AxeCore.Playwright;
using QuickPoll.Contracts;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>A detractor's answer reaches staff as a signed webhook, received by the demo shop itself.</summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class StaffAlertTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = 30_000;

    private IBrowserContext context = default!;
    private IPage page = default!;

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
    public async Task An_nps_of_3_on_the_product_page_shows_on_the_staff_alerts_page_as_a_verified_detractor()
    {
        var response = await page.GotoAsync("products/note-003");
        Assert.True(response?.Ok, "The notebook's page did not load.");
        var nps = page.Locator("#nps .qp-nps-rating");
        await Assertions.Expect(nps).ToHaveAttributeAsync("data-interactive", "yes");

        await page.Locator("#nps label[for$='-3']").ClickAsync();
        await Assertions.Expect(nps).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(nps).ToHaveAttributeAsync("data-score", "3");

        await page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Staff alerts" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Staff alerts", Level = 1 })).ToBeVisibleAsync();

        // The alert is delivered in the background, after the visitor's answer was acknowledged: reload until it is in.
        var alert = page.Locator("tr[data-type=detractor]").Filter(new() { HasText = "NPS 3" });
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (await alert.CountAsync() == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            await page.ReloadAsync();
        }

        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await Assertions.Expect(alert.Locator("code")).ToHaveTextAsync("shop");
        await Assertions.Expect(alert).ToContainTextAsync("product-page");
        await Assertions.Expect(alert.Locator(".alert-signature")).ToHaveTextAsync("Verified");

        // A forged alert (a signature made with another secret) is refused and never listed.
        var forged = """{"id":"forged-1","type":"detractor","createdAt":"2026-01-01T00:00:00+00:00","target":"forged-target","kind":"nps","score":0}""";
        var timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
        var refused = await page.APIRequest.PostAsync("demo/webhooks", new()
        {
            DataString = forged,
            Headers = new Dictionary<string, string>
            {
                ["Content-Type"] = "application/json",
                [WebhookHeaders.Timestamp] = timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture),
                [WebhookHeaders.Signature] = WebhookSignature.Sign("not-the-demo-secret-not-the-demo-secret", timestamp, System.Text.Encoding.UTF8.GetBytes(forged)),
            },
        });
        Assert.Equal(401, refused.Status);
        await page.ReloadAsync();
        await Assertions.Expect(alert).ToHaveCountAsync(1);
        await Assertions.Expect(page.GetByText("forged-target")).ToHaveCountAsync(0);
        var blocking = (await page.RunAxe()).Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Impact} {v.Id}: {v.Help}");
        Assert.Empty(blocking);

        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, "staff-alerts.png");
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
