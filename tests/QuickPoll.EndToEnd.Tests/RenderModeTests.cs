using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The same components in each render mode: static server rendering in a browser with JavaScript turned off
/// (plain HTML forms, render after post), interactive on the server, and interactive in WebAssembly.
/// </summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class RenderModeTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
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
    public async Task Without_javascript_every_component_is_a_form_that_posts_and_shows_its_thank_you()
    {
        var page = await OpenAsync("modes/static", javaScript: false);

        // Stars: choose with the radio, send with the button; the summary beside it counts the rating after the post.
        await page.Locator("#stars label").Filter(new() { HasText = "4 of 5 stars" }).ClickAsync();
        await PostAsync(page, page.Locator("#stars").GetByRole(AriaRole.Button, new() { Name = "Send rating" }));
        var stars = page.Locator("#stars .qp-star-rating");
        await Assertions.Expect(stars).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(stars).ToHaveAttributeAsync("data-score", "4");
        await Assertions.Expect(stars.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await Assertions.Expect(page.Locator("#stars .qp-rating-summary")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator("#stars .qp-rating-summary")).ToHaveAttributeAsync("data-average", "4");

        // Sending without a choice asks for one and stores nothing.
        await PostAsync(page, page.Locator("#thumbs").GetByRole(AriaRole.Button, new() { Name = "Send rating" }));
        await Assertions.Expect(page.Locator("#thumbs .qp-thumbs-rating")).ToHaveAttributeAsync("data-state", "idle");
        await Assertions.Expect(page.Locator("#thumbs").GetByRole(AriaRole.Status)).ToHaveTextAsync("Choose an answer first.");

        foreach (var (id, option, score) in new[] { ("thumbs", "Thumbs up", "1"), ("nps", "9", "9"), ("csat", "Satisfied", "4"), ("ces", "6", "6") })
        {
            // The radios are visually hidden behind their labels: pick with the keyboard, as without a mouse.
            await page.Locator($"#{id}").GetByRole(AriaRole.Radio, new() { Name = option, Exact = true }).FocusAsync();
            await page.Keyboard.PressAsync("Space");
            await Assertions.Expect(page.Locator($"#{id}").GetByRole(AriaRole.Radio, new() { Name = option, Exact = true })).ToBeCheckedAsync();
            await PostAsync(page, page.Locator($"#{id}").GetByRole(AriaRole.Button, new() { Name = "Send rating" }));
            var root = page.Locator($"#{id} .qp-rating");
            await Assertions.Expect(root).ToHaveAttributeAsync("data-state", "sent");
            await Assertions.Expect(root).ToHaveAttributeAsync("data-score", score);
        }

        var poll = page.Locator("#quick-poll .qp-poll");
        await poll.GetByLabel("Planning").CheckAsync();
        await PostAsync(page, poll.GetByRole(AriaRole.Button, new() { Name = "Vote" }));
        await Assertions.Expect(poll).ToHaveAttributeAsync("data-state", "voted");
        await Assertions.Expect(poll.Locator(".qp-poll-result[data-choice=planning]")).ToHaveAttributeAsync("data-count", "1");

        var box = page.Locator("#review .qp-comment-box");
        var text = "Posted without JavaScript " + Guid.NewGuid().ToString("N")[..8];
        await box.GetByLabel("Your review", new() { Exact = true }).FillAsync(text);
        await box.Locator("label").Filter(new() { HasText = "5 of 5 stars" }).ClickAsync();
        await box.GetByLabel("Name shown with your review (optional)").FillAsync("Ola");
        // Without JavaScript nothing waits for the visitor: the server refuses a review sent sooner than the shop's minimum after the form was shown.
        await page.WaitForTimeoutAsync(4_200);
        await PostAsync(page, box.GetByRole(AriaRole.Button, new() { Name = "Send review" }));
        await Assertions.Expect(box).ToHaveAttributeAsync("data-state", "published");
        await Assertions.Expect(box.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks! Your review is published.");

        await ScreenshotAsync(page, "modes-static-after-posts.png");
    }

    [Fact]
    public async Task Interactive_server_sends_a_star_with_one_click_and_updates_the_summary()
    {
        var page = await OpenAsync("modes/server", javaScript: true);
        await Assertions.Expect(page.Locator("#stars .qp-star-rating")).ToHaveAttributeAsync("data-interactive", "yes");

        await page.Locator("#stars label").Filter(new() { HasText = "5 of 5 stars" }).ClickAsync();

        await Assertions.Expect(page.Locator("#stars .qp-star-rating")).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(page.Locator("#stars .qp-rating-summary")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator("[data-mode=server] .qp-poll")).ToHaveAttributeAsync("data-interactive", "yes");
    }

    [Fact]
    public async Task Interactive_webassembly_runs_the_sdk_in_the_browser_against_the_same_origin_api()
    {
        var page = await OpenAsync("modes/webassembly", javaScript: true);
        var apiCalls = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Url.Contains("/api/v1/", StringComparison.Ordinal))
            {
                apiCalls.Add(request.Url);
            }
        };
        // Downloading and starting the runtime takes longer than a circuit.
        await Assertions.Expect(page.Locator("#stars .qp-star-rating")).ToHaveAttributeAsync("data-interactive", "yes", new() { Timeout = 90_000 });

        await page.Locator("#stars label").Filter(new() { HasText = "3 of 5 stars" }).ClickAsync();

        await Assertions.Expect(page.Locator("#stars .qp-star-rating")).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(page.Locator("#stars .qp-rating-summary")).ToHaveAttributeAsync("data-count", "1");
        Assert.Contains(apiCalls, url => url.StartsWith(shop.BaseAddress + "api/v1/answers", StringComparison.Ordinal));
    }

    private async Task<IPage> OpenAsync(string path, bool javaScript)
    {
        context = await shop.Browser.NewContextAsync(new()
        {
            BaseURL = shop.BaseAddress.ToString(),
            Locale = "en-US",
            JavaScriptEnabled = javaScript,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        var page = await context.NewPageAsync();
        var response = await page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.True(response.Ok, $"GET {path} answered {response.Status}.");
        return page;
    }

    // A plain form post: the server answers with a redirect back to the page (post/redirect/get), which the browser loads.
    internal static async Task PostAsync(IPage page, ILocator button)
    {
        var loaded = await page.RunAndWaitForResponseAsync(
            () => button.ClickAsync(), r => r.Request.ResourceType == "document" && r.Request.RedirectedFrom is { Method: "POST" });
        var redirect = await loaded.Request.RedirectedFrom!.ResponseAsync();
        Assert.NotNull(redirect);
        Assert.True(redirect.Status is 302 or 303, $"The post answered {redirect.Status} instead of a redirect.");
        Assert.True(loaded.Ok, $"The page after the post answered {loaded.Status}.");
        await page.WaitForLoadStateAsync(LoadState.Load);
    }

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
