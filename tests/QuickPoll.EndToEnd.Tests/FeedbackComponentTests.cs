using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>A shopper answers each kind of QuickPoll question on the demo's product pages.</summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class FeedbackComponentTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
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
    public async Task A_shopper_votes_in_the_quick_poll_and_sees_the_results()
    {
        await OpenAsync("products/note-003", "#quick-poll .qp-poll");
        var poll = page.Locator("#quick-poll .qp-poll");
        await Assertions.Expect(poll).ToHaveAttributeAsync("data-state", "open");

        await poll.GetByLabel("Sketching").CheckAsync();
        await poll.GetByRole(AriaRole.Button, new() { Name = "Vote" }).ClickAsync();

        await Assertions.Expect(poll).ToHaveAttributeAsync("data-state", "voted");
        var results = poll.GetByRole(AriaRole.Status);
        await Assertions.Expect(results).ToContainTextAsync("Thanks for voting!");
        await Assertions.Expect(poll.Locator(".qp-poll-result[data-choice=sketching]")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(poll.Locator(".qp-poll-result[data-choice=sketching]")).ToContainTextAsync("100%");
        await ScreenshotAsync("quick-poll.png");
    }

    [Fact]
    public async Task A_keyboard_alone_gives_an_nps_score()
    {
        await OpenAsync("products/note-003", "#nps .qp-nps-rating");
        var nps = page.Locator("#nps .qp-nps-rating");

        await nps.GetByRole(AriaRole.Radio, new() { Name = "0, Not at all likely", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("End");
        await Assertions.Expect(nps.GetByRole(AriaRole.Radio, new() { Name = "10, Extremely likely", Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(nps.GetByRole(AriaRole.Radio, new() { Name = "9", Exact = true })).ToBeCheckedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(nps).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(nps).ToHaveAttributeAsync("data-score", "9");
    }

    [Fact]
    public async Task A_written_review_appears_in_the_review_list_as_plain_text()
    {
        await OpenAsync("products/mug-001", ".qp-comment-box");
        var box = page.Locator(".qp-comment-box");
        var text = "Keeps tea hot <b>x</b> " + Guid.NewGuid().ToString("N")[..8];

        await box.GetByLabel("Your review", new() { Exact = true }).FillAsync(text);
        await Assertions.Expect(box.Locator(".qp-counter")).ToContainTextAsync($"{text.Length} of 2,000 characters");
        await box.Locator("label").Filter(new() { HasText = "5 of 5 stars" }).ClickAsync();
        await Assertions.Expect(box.GetByRole(AriaRole.Radio, new() { Name = "5 of 5 stars", Exact = true })).ToBeCheckedAsync();
        await box.GetByLabel("Name shown with your review (optional)").FillAsync("Ola");
        await box.GetByRole(AriaRole.Button, new() { Name = "Send review" }).ClickAsync();

        await Assertions.Expect(box.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks! Your review is published.");
        var review = page.Locator(".qp-review").Filter(new() { HasText = text });
        await Assertions.Expect(review.Locator(".qp-review-text")).ToHaveTextAsync(text);
        await Assertions.Expect(review.Locator(".qp-review-author")).ToHaveTextAsync("Ola");
        await Assertions.Expect(review.Locator("b")).ToHaveCountAsync(0);
        await ScreenshotAsync("reviews.png");
    }

    [Fact]
    public async Task Thumbs_and_csat_send_with_one_click_each()
    {
        await OpenAsync("products/tee-002", "#thumbs .qp-thumbs-rating");

        await page.Locator("#thumbs label").Filter(new() { HasText = "Thumbs up" }).ClickAsync();
        await page.Locator("#csat label").Filter(new() { HasText = "Satisfied" }).Last.ClickAsync();

        await Assertions.Expect(page.Locator("#thumbs .qp-thumbs-rating")).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(page.Locator("#thumbs .qp-thumbs-rating")).ToHaveAttributeAsync("data-score", "1");
        await Assertions.Expect(page.Locator("#csat .qp-csat-rating")).ToHaveAttributeAsync("data-state", "sent");
    }

    [Fact]
    public async Task Ces_sends_a_click_and_the_tote_shows_its_reviews()
    {
        await OpenAsync("products/tote-004", "#ces .qp-ces-rating");

        await page.Locator("#ces label[for$='-6']").ClickAsync();

        await Assertions.Expect(page.Locator("#ces .qp-ces-rating")).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(page.Locator("#ces .qp-ces-rating")).ToHaveAttributeAsync("data-score", "6");
        await Assertions.Expect(page.Locator(".qp-review-list")).ToHaveAttributeAsync("data-state", "loaded");
    }

    [Fact]
    public async Task The_integrations_page_shows_every_component_live_beside_its_markup()
    {
        await OpenAsync("integrations", "[data-example=star-rating] .qp-star-rating");

        foreach (var id in new[] { "star-rating", "rating-summary", "thumbs-rating", "nps-rating", "csat-rating", "ces-rating", "comment-box", "review-list", "quick-poll" })
        {
            var item = page.Locator($"[data-example={id}]");
            await Assertions.Expect(item.Locator("pre")).ToContainTextAsync(id == "quick-poll" ? "<QuickPoll PollId=" : "Target=");
            await Assertions.Expect(item.Locator(".gallery-live > *").First).ToBeVisibleAsync();
        }

        await ScreenshotAsync("integrations.png");
    }

    [Fact]
    public async Task The_design_tokens_follow_the_colour_scheme_an_explicit_theme_and_the_shops_own_values()
    {
        await OpenAsync("products/mug-001", ".qp-star-rating");
        // The button's border is the accent: #b45309 light, #fbbf24 dark.
        var button = page.Locator(".qp-star-rating .qp-submit");
        var accent = () => button.EvaluateAsync<string>("b => getComputedStyle(b).borderTopColor");

        Assert.Equal("rgb(180, 83, 9)", await accent());

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Dark });
        Assert.Equal("rgb(251, 191, 36)", await accent());

        await page.EvaluateAsync("() => document.documentElement.dataset.qpTheme = 'light'");
        Assert.Equal("rgb(180, 83, 9)", await accent());

        await page.EmulateMediaAsync(new() { ColorScheme = ColorScheme.Light });
        await page.EvaluateAsync("() => document.documentElement.dataset.qpTheme = 'dark'");
        Assert.Equal("rgb(251, 191, 36)", await accent());

        await page.EvaluateAsync("() => document.documentElement.style.setProperty('--qp-accent', 'rgb(1, 2, 3)')");
        Assert.Equal("rgb(1, 2, 3)", await accent());
    }

    private async Task OpenAsync(string path, string interactiveRoot)
    {
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}.");
        // Clicks before the circuit is up would hit the prerendered, inert markup.
        await Assertions.Expect(page.Locator(interactiveRoot)).ToHaveAttributeAsync("data-interactive", "yes");
    }

    private async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
