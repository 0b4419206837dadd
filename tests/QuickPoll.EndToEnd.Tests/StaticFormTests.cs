using System.Text.Json;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// Plain HTML forms with JavaScript off: each post answers with a redirect back to the page (post/redirect/get) that shows
/// its outcome, so reloading and going back and forward never send anything again.
/// </summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class StaticFormTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = 30_000;
    private const string Target = "modes-static";

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
    public async Task A_rating_counts_once_through_the_thank_you_a_reload_and_back_and_forward()
    {
        var page = await OpenAsync();
        var before = await CountAsync("ces");
        var posts = new List<string>();
        page.Request += (_, request) =>
        {
            if (request.Method == "POST")
            {
                posts.Add(request.Url);
            }
        };
        var postStatuses = new List<int>();
        page.Response += (_, response) =>
        {
            if (response.Request.Method == "POST")
            {
                postStatuses.Add(response.Status);
            }
        };

        await page.Locator("#ces").GetByRole(AriaRole.Radio, new() { Name = "6", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await RenderModeTests.PostAsync(page, page.Locator("#ces").GetByRole(AriaRole.Button, new() { Name = "Send rating" }));

        var ces = page.Locator("#ces .qp-rating");
        await Assertions.Expect(ces).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(ces).ToHaveAttributeAsync("data-score", "6");
        await Assertions.Expect(ces.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        Assert.Single(posts);
        Assert.Equal([303], postStatuses);

        // The thank-you page is a GET: reloading it, leaving it and coming back send nothing.
        await page.ReloadAsync();
        await Assertions.Expect(ces).ToHaveAttributeAsync("data-state", "sent");
        await page.GoBackAsync();
        await Assertions.Expect(page.Locator("#ces .qp-rating")).ToHaveAttributeAsync("data-state", "idle");
        await page.GoForwardAsync();
        await Assertions.Expect(ces).ToHaveAttributeAsync("data-state", "sent");
        await page.ReloadAsync();

        Assert.Single(posts);
        Assert.Equal(before + 1, await CountAsync("ces"));
    }

    [Fact]
    public async Task A_review_sent_too_quickly_says_how_long_to_wait_and_a_published_one_appears_in_the_list_at_once()
    {
        var page = await OpenAsync();
        var box = page.Locator("#review .qp-comment-box");

        // The shop's minimum is four seconds; writing as soon as the form's HTML arrives is faster than that.
        var opened = System.Diagnostics.Stopwatch.StartNew();
        await page.GotoAsync("modes/static", new() { WaitUntil = WaitUntilState.Commit });
        await box.GetByLabel("Your review", new() { Exact = true }).FillAsync("Too quick.");
        await RenderModeTests.PostAsync(page, box.GetByRole(AriaRole.Button, new() { Name = "Send review" }));
        output.WriteLine($"Posted {opened.ElapsedMilliseconds} ms after asking for the form");
        await Assertions.Expect(box).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(box.Locator(".qp-error-message")).ToHaveTextAsync(
            new System.Text.RegularExpressions.Regex(@"^Sent too quickly: wait \d+ more seconds?, then send again\.$"));

        var text = "Published without JavaScript " + Guid.NewGuid().ToString("N")[..8];
        await box.GetByLabel("Your review", new() { Exact = true }).FillAsync(text);
        await page.WaitForTimeoutAsync(4_200);
        await RenderModeTests.PostAsync(page, box.GetByRole(AriaRole.Button, new() { Name = "Send review" }));

        await Assertions.Expect(box).ToHaveAttributeAsync("data-state", "published");
        await Assertions.Expect(page.Locator("#review .qp-review", new() { HasText = text })).ToHaveCountAsync(1);
        await page.ReloadAsync();
        await page.GoBackAsync();
        await page.GoForwardAsync();
        await Assertions.Expect(page.Locator("#review .qp-review", new() { HasText = text })).ToHaveCountAsync(1);
        await page.ScreenshotAsync(new() { Path = Path.Combine(DemoShopFixture.ScreenshotDirectory, "modes-static-review-published.png"), FullPage = true });
        output.WriteLine($"Published {text}");
    }

    private async Task<IPage> OpenAsync()
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
        var response = await page.GotoAsync("modes/static");
        Assert.True(response?.Ok, $"GET modes/static answered {response?.Status}.");
        return page;
    }

    private async Task<long> CountAsync(string kind)
    {
        var summary = await context!.APIRequest.GetAsync($"api/v1/summaries?target={Target}&kind={kind}");
        Assert.True(summary.Ok, $"GET /api/v1/summaries answered {summary.Status}.");
        using var json = JsonDocument.Parse(await summary.TextAsync());
        return json.RootElement.GetProperty("count").GetInt64();
    }
}
