using System.Globalization;
using System.Text.Json;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The demo's pages for shops that are not Blazor apps: its Razor Pages product page (the tag helpers) with JavaScript off and
/// on, and its plain HTML page (the script) on a second origin with a site's public key, both shown in the integrations gallery.
/// </summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class DemoIntegrationPagesTests(DemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
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
    public async Task The_razor_pages_page_rates_a_product_with_javascript_off()
    {
        const string Sku = "tee-002";
        var page = await OpenAsync($"razor-pages/products/{Sku}", javaScript: false);
        var before = await CountAsync(Sku);
        var summary = page.Locator(".qp-rating-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", Text(before));

        await page.Locator(".qp-star-rating").GetByRole(AriaRole.Radio, new() { Name = "4 of 5 stars", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await RenderModeTests.PostAsync(page, page.Locator(".qp-star-rating").GetByRole(AriaRole.Button, new() { Name = "Send rating" }));

        // Back on the same page, which shows the outcome and counts the rating.
        Assert.Equal($"/razor-pages/products/{Sku}", new Uri(page.Url).AbsolutePath);
        await Assertions.Expect(page.Locator(".qp-star-rating").GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", Text(before + 1));
        await page.ReloadAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", Text(before + 1));
        Assert.Equal(before + 1, await CountAsync(Sku));
        await ScreenshotAsync(page, "razor-pages-no-javascript.png");
    }

    [Fact]
    public async Task The_razor_pages_page_sends_in_place_with_the_script()
    {
        const string Sku = "note-003";
        var page = await OpenAsync($"razor-pages/products/{Sku}", javaScript: true);
        await page.WaitForFunctionAsync("() => customElements.get('quickpoll-rating') !== undefined");
        var before = await CountAsync(Sku);
        var documents = new List<string>();
        var posts = new List<IResponse>();
        page.Response += (_, r) =>
        {
            if (r.Request.ResourceType == "document")
            {
                documents.Add(r.Url);
            }
            else if (r.Request.Method == "POST")
            {
                posts.Add(r);
            }
        };

        await page.Locator(".qp-star-rating").GetByRole(AriaRole.Radio, new() { Name = "5 of 5 stars", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await page.Locator(".qp-star-rating").GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();

        await Assertions.Expect(page.Locator(".qp-star-rating").GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        // Sent in place: one post answered with JSON, no page load.
        var post = Assert.Single(posts);
        Assert.EndsWith("/quickpoll/form", post.Url, StringComparison.Ordinal);
        Assert.Equal(200, post.Status);
        Assert.Empty(documents);
        Assert.Equal(before + 1, await CountAsync(Sku));

        await page.ReloadAsync();
        await Assertions.Expect(page.Locator(".qp-rating-summary")).ToHaveAttributeAsync("data-count", Text(before + 1));
        Assert.Equal(before + 1, await CountAsync(Sku));
        Assert.Single(posts);
    }

    [Fact]
    public async Task The_plain_page_on_its_second_origin_rates_a_product_once_with_the_sites_key()
    {
        const string Sku = "tote-004";
        Assert.NotEqual(shop.BaseAddress.GetLeftPart(UriPartial.Authority), shop.PlainPageAddress.GetLeftPart(UriPartial.Authority));
        var page = await OpenAsync(shop.PlainPageAddress.ToString(), javaScript: true);
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add($"{m.Text} {m.Location}");
            }
        };
        var answers = new List<IRequest>();
        page.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith("/api/v1/answers", StringComparison.Ordinal))
            {
                answers.Add(r);
            }
        };
        var before = await CountAsync(Sku);
        var product = page.Locator($"[data-sku={Sku}]");
        var summary = product.Locator("quickpoll-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", Text(before));

        var rating = product.Locator("quickpoll-rating");
        await rating.Locator("label").Filter(new() { HasText = "3 of 5 stars" }).ClickAsync();

        await Assertions.Expect(rating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", Text(before + 1));
        var sent = Assert.Single(answers);
        Assert.StartsWith("qp_pk_", await sent.HeaderValueAsync("x-quickpoll-site"), StringComparison.Ordinal);
        Assert.Equal(shop.PlainPageAddress.GetLeftPart(UriPartial.Authority), await sent.HeaderValueAsync("origin"));

        // Stored exactly once, also after a reload (nothing left in the outbox to send again).
        await page.ReloadAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", Text(before + 1));
        Assert.Equal(before + 1, await CountAsync(Sku));
        Assert.Single(answers);
        // The page's Content-Security-Policy (its own origin and the endpoint's) let everything run.
        Assert.True(errors.Count == 0, string.Join("\n", errors));
        await ScreenshotAsync(page, "plain-page.png");
    }

    [Fact]
    public async Task The_plain_pages_server_serves_its_folders_pages_and_stylesheet_and_nothing_else()
    {
        using var http = new HttpClient { BaseAddress = shop.PlainPageAddress };

        using var index = await http.GetAsync("/");
        Assert.Equal(System.Net.HttpStatusCode.OK, index.StatusCode);
        Assert.Equal("text/html", index.Content.Headers.ContentType?.MediaType);
        Assert.Equal("nosniff", index.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal($"default-src 'self' {shop.BaseAddress.GetLeftPart(UriPartial.Authority)}", index.Headers.GetValues("Content-Security-Policy").Single());
        var html = await index.Content.ReadAsStringAsync();
        Assert.Contains($"<script src=\"{new Uri(shop.BaseAddress, "quickpoll/embed.js")}\" async></script>", html, StringComparison.Ordinal);
        Assert.Matches("site-key=\"qp_pk_[A-Za-z0-9_-]+\"", html);
        Assert.DoesNotContain("{endpoint}", html, StringComparison.Ordinal);
        Assert.DoesNotContain("{site-key}", html, StringComparison.Ordinal);

        using var css = await http.GetAsync("/shop.css");
        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);

        // Only the folder's own files by their exact names: no other file of the demo, however the path is spelt.
        foreach (var path in new[] { "/../Program.cs", "/%2e%2e/appsettings.json", "/..%2fappsettings.json", "/PlainPageHost.cs",
                     "/Index.html", "/index.html/", "/www/index.html", "/index.html%00.css", "/etc/passwd", "/shop.css/../../Program.cs" })
        {
            using var response = await http.GetAsync(path);
            // Kestrel itself refuses a NUL in the path with 400; everything else is not there.
            Assert.True(response.StatusCode is System.Net.HttpStatusCode.NotFound or System.Net.HttpStatusCode.BadRequest,
                $"GET {path} answered {(int)response.StatusCode}.");
        }

        using var post = await http.PostAsync("/", new StringContent("x"));
        Assert.Equal(System.Net.HttpStatusCode.MethodNotAllowed, post.StatusCode);
    }

    [Fact]
    public async Task The_integrations_gallery_shows_both_pages_beside_their_markup()
    {
        var page = await OpenAsync("integrations", javaScript: true);
        // The gallery is drawn again once its circuit is live: look at it after that.
        await Assertions.Expect(page.Locator("[data-example=star-rating] .qp-star-rating")).ToHaveAttributeAsync("data-interactive", "yes");

        var razorPages = page.Locator("[data-example=razor-pages]");
        await Assertions.Expect(razorPages.Locator("pre")).ToContainTextAsync("<quickpoll-rating target=\"@product.Sku\">");
        await Assertions.Expect(razorPages.Locator("iframe")).ToHaveAttributeAsync("title", "A Razor Pages product page with QuickPoll's tag helpers");
        await Assertions.Expect(razorPages.FrameLocator("iframe").Locator(".qp-star-rating")).ToBeVisibleAsync();

        var plainPage = page.Locator("[data-example=plain-page]");
        await Assertions.Expect(plainPage.Locator("pre")).ToContainTextAsync("<quickpoll-rating target=\"mug-001\"");
        await Assertions.Expect(plainPage.Locator("pre")).ToContainTextAsync(new Uri(shop.BaseAddress, "quickpoll/embed.js").ToString());
        await Assertions.Expect(plainPage.Locator("pre")).ToContainTextAsync("site-key=\"qp_pk_");
        await Assertions.Expect(plainPage.Locator("iframe")).ToHaveAttributeAsync("src", shop.PlainPageAddress.ToString());
        // Drawn by the script inside the frame, on the other origin.
        await Assertions.Expect(plainPage.FrameLocator("iframe").Locator("[data-sku=mug-001] quickpoll-rating input[type=radio]")).ToHaveCountAsync(5);
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        await plainPage.ScreenshotAsync(new() { Path = Path.Combine(DemoShopFixture.ScreenshotDirectory, "integrations-plain-page.png") });
        await razorPages.ScreenshotAsync(new() { Path = Path.Combine(DemoShopFixture.ScreenshotDirectory, "integrations-razor-pages.png") });
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
        Assert.True(response?.Ok, $"GET {path} answered {response?.Status}.");
        return page;
    }

    private async Task<long> CountAsync(string target)
    {
        var summary = await context!.APIRequest.GetAsync(new Uri(shop.BaseAddress, $"api/v1/summaries?target={target}&kind=stars").ToString());
        Assert.True(summary.Ok, $"GET /api/v1/summaries answered {summary.Status}.");
        using var json = JsonDocument.Parse(await summary.TextAsync());
        return json.RootElement.GetProperty("count").GetInt64();
    }

    private static string Text(long count) => count.ToString(CultureInfo.InvariantCulture);

    private async Task ScreenshotAsync(IPage page, string name)
    {
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
