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

    private async Task<string> GalleryAsync(string lang, string name)
    {
        var poll = await hosts.CreatePollAsync();
        return hosts.AddPage($"/{name}.html", hosts.Page(lang, $"""
            <quickpoll-context site-key="{hosts.SiteKey}" segment="returning" journey-stage="purchase" touchpoint="product-page">
            <quickpoll-summary target="gallery-mug"></quickpoll-summary>
            <quickpoll-rating target="gallery-mug"></quickpoll-rating>
            <quickpoll-rating target="gallery-mug" kind="thumbs"></quickpoll-rating>
            <quickpoll-rating target="gallery-mug" kind="nps"></quickpoll-rating>
            <quickpoll-rating target="gallery-mug" kind="csat"></quickpoll-rating>
            <quickpoll-rating target="gallery-mug" kind="ces"></quickpoll-rating>
            <quickpoll-reviews target="gallery-mug"></quickpoll-reviews>
            <quickpoll-comment target="gallery-mug"></quickpoll-comment>
            <quickpoll-poll poll-id="{poll}"></quickpoll-poll>
            <quickpoll-policy></quickpoll-policy>
            </quickpoll-context>
            """));
    }

    private static async Task LoadedAsync(IPage page)
    {
        await Assertions.Expect(page.Locator("quickpoll-summary")).ToHaveAttributeAsync("data-state", "loaded");
        await Assertions.Expect(page.Locator("quickpoll-poll")).ToHaveAttributeAsync("data-state", "idle");
        await Assertions.Expect(page.Locator("quickpoll-policy p")).ToHaveCountAsync(4);
        await Assertions.Expect(page.Locator("quickpoll-reviews [role=status]")).Not.ToHaveTextAsync("Loading reviews…");
    }

    [Fact]
    public async Task Every_element_keeps_the_space_the_stylesheet_reserved_so_nothing_below_moves()
    {
        var url = await GalleryAsync("en", "layout");
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        await LoadedAsync(page);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoShopFixture.ScreenshotDirectory, "embed-gallery.png"), FullPage = true });

        var shift = await page.EvaluateAsync<double>("""
            () => new Promise(done => {
              let total = 0;
              new PerformanceObserver(list => { for (const e of list.getEntries()) total += e.value; })
                .observe({ type: 'layout-shift', buffered: true });
              setTimeout(() => done(total), 500);
            })
            """);
        Assert.Equal(0, shift);
        // Each element's content fits the space reserved for it, so none scrolls or spills over what follows.
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('quickpoll-summary, quickpoll-rating, quickpoll-comment, quickpoll-poll, quickpoll-policy')]
              .filter(e => e.scrollHeight > e.clientHeight).map(e => e.outerHTML.slice(0, 80) + ' ' + e.scrollHeight + '>' + e.clientHeight)
            """);
        Assert.Empty(overflowing);
    }
}
