using Deque.AxeCore.Playwright;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The script for any page (<c>/quickpoll/embed.js</c>) on a plain HTML page served from another origin than the
/// endpoint, with a registered site's key: rating and summary, the CSP, layout shift, accessibility, Polish, no cookies.
/// </summary>
public sealed class EmbedScriptTests(EmbedFixture hosts) : IClassFixture<EmbedFixture>
{
    private const float Timeout = 30_000;

    private string Widgets(string target) => $"""
        <quickpoll-context site-key="{hosts.SiteKey}" touchpoint="product-page" journey-stage="purchase">
        <quickpoll-summary target="{target}"></quickpoll-summary>
        <quickpoll-rating target="{target}"></quickpoll-rating>
        </quickpoll-context>
        """;

    private async Task<(IBrowserContext Context, IPage Page)> OpenAsync(string url, ColorScheme scheme = ColorScheme.Light)
    {
        var context = await hosts.Browser.NewContextAsync(new()
        {
            Locale = "en-US",
            ColorScheme = scheme,
            ViewportSize = new() { Width = 1024, Height = 900 },
        });
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        await page.GotoAsync(url);
        return (context, page);
    }

    [Fact]
    public async Task A_star_rating_on_another_origin_is_stored_once_and_the_summary_follows_it()
    {
        var url = hosts.AddPage("/rate.html", hosts.Page("en", Widgets("embed-mug")));
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        var summary = page.Locator("quickpoll-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-state", "loaded");
        await Assertions.Expect(summary).ToContainTextAsync("No ratings yet");

        await page.Locator("quickpoll-rating label").Nth(3).ClickAsync();

        var rating = page.Locator("quickpoll-rating");
        await Assertions.Expect(rating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(summary.GetByRole(AriaRole.Img)).ToHaveAttributeAsync("aria-label", "Rated 4.0 of 5");
        var stored = await hosts.SummaryAsync("embed-mug");
        Assert.Equal(1, stored.Count);
        Assert.Equal(1, stored.Distribution[3]);
    }
}
