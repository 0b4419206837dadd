using System.Globalization;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// A member of staff opens the demo's dashboard at /quickpoll on the shop with its month of history, logs in with the
/// admin key, reads the figures and charts, moderates a held review and sees it on the product page, and downloads the
/// answers as CSV.
/// </summary>
[Collection(SeededDemoShopTestGroup.Name)]
public sealed class DashboardTests(SeededDemoShopFixture shop, ITestOutputHelper output) : IAsyncLifetime
{
    private const float Timeout = 30_000;

    /// <summary>The demo's admin key, from its appsettings.json.</summary>
    private const string AdminKey = "demo-admin-key-not-for-production";

    /// <summary>A target and segment of this test's own, so the shop's product pages keep their counts.</summary>
    private const string Target = "dashboard-lamp";

    private const string Segment = "dashboard-regulars";

    private IBrowserContext context = default!;
    private IPage page = default!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        context = await NewContextAsync(ColorScheme.Light);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task Staff_log_in_and_see_every_figure_with_its_charts()
    {
        await SeedAnswersAsync();

        await LogInAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".qpd-card")).ToHaveCountAsync(5);
        // The month of NPS answers is enough for a headline, with its count.
        var nps = page.Locator("section[aria-labelledby=kind-nps]");
        await Assertions.Expect(nps.Locator(".qpd-value")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^-?\d+(\.\d)?$"));
        await Assertions.Expect(nps.Locator(".qpd-count")).ToContainTextAsync("answers");
        await Assertions.Expect(nps.Locator(".qpd-shares")).ToContainTextAsync("Promoters");
        await Assertions.Expect(nps.Locator("svg.qpd-nps[role=img]")).ToHaveAttributeAsync("aria-label", new System.Text.RegularExpressions.Regex("^NPS .* from .* answers: promoters"));
        await Assertions.Expect(nps.Locator("svg.qpd-trend[role=img]")).ToBeVisibleAsync();
        await Assertions.Expect(nps.Locator("svg.qpd-bars[role=img]")).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Last 7 days" }).ClickAsync();
        await Assertions.Expect(page.Locator(".qpd-period")).ToContainTextAsync("compared with the 7 days before");
        // The week before has answers too, so the change is stated in words beside its arrow.
        await Assertions.Expect(page.Locator("section[aria-labelledby=kind-nps] .qpd-change"))
            .ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"(Up|Down|No change) .*in the previous period"));

        await page.GetByRole(AriaRole.Navigation, new() { Name = "Dashboard" }).GetByRole(AriaRole.Link, new() { Name = "Breakdowns" }).ClickAsync();
        await page.GetByLabel("Figure").SelectOptionAsync("nps");
        await page.GetByLabel("By").SelectOptionAsync("segment");
        await page.GetByRole(AriaRole.Button, new() { Name = "Show" }).ClickAsync();
        var row = page.Locator("tr", new() { Has = page.GetByRole(AriaRole.Rowheader, new() { Name = Segment }) });
        await Assertions.Expect(row.Locator("td.qpd-number").First).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\d+$"));
        await Assertions.Expect(row.Locator("svg[role=img]")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Staff_approve_a_held_review_and_it_appears_on_the_product_page()
    {
        var text = $"Sturdy bag, more photos at www.example.com ({Guid.NewGuid():N})";
        await PostCommentAsync(new { target = "tote-004", text, rating = 4, displayName = "Kasia", formToken = await CommentFormTokenAsync("tote-004") });

        await LogInAsync();
        await page.GotoAsync("quickpoll/moderation");
        await page.GetByLabel("Held because").SelectOptionAsync("link");
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        var held = page.Locator("li.qpd-comment", new() { HasText = text });
        await Assertions.Expect(held.Locator(".qpd-tag-held")).ToHaveTextAsync("Held");
        await held.GetByRole(AriaRole.Button, new() { Name = "Approve" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Approved 1 comment");
        await Assertions.Expect(page.Locator("li.qpd-comment", new() { HasText = text })).ToHaveCountAsync(0);

        await page.GotoAsync("products/tote-004");
        var review = page.Locator(".qp-review", new() { HasText = text });
        await Assertions.Expect(review.Locator(".qp-review-text")).ToHaveTextAsync(text);
        await Assertions.Expect(review.Locator(".qp-review-author")).ToHaveTextAsync("Kasia");
    }

    [Fact]
    public async Task Staff_download_the_answers_as_csv_that_a_spreadsheet_reads()
    {
        await SeedAnswersAsync();
        await LogInAsync();
        await page.GotoAsync("quickpoll/export");

        var download = await page.RunAndWaitForDownloadAsync(() => page.GetByRole(AriaRole.Button, new() { Name = "Download" }).ClickAsync());

        Assert.Matches(@"^quickpoll-answers-\d{4}-\d{2}-\d{2}-to-\d{4}-\d{2}-\d{2}\.csv$", download.SuggestedFilename);
        var path = await download.PathAsync();
        var lines = (await File.ReadAllTextAsync(path)).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var header = lines[0].Split(',');
        Assert.Equal(["id", "target", "kind", "score", "created_at"], header.Take(5));
        var rows = lines.Skip(1).Select(l => l.Split(',')).Where(cells => cells[1] == Target).ToList();
        Assert.NotEmpty(rows);
        Assert.All(rows, cells => Assert.Equal(header.Length, cells.Length));
        Assert.All(rows, cells => Assert.True(long.TryParse(cells[0], NumberStyles.None, CultureInfo.InvariantCulture, out _)));
        Assert.Contains(rows, cells => cells[Array.IndexOf(header, "segment")] == Segment);
    }

    public static TheoryData<string, string> Pages => new()
    {
        { "quickpoll", "dashboard-overview" },
        { "quickpoll/breakdowns?kind=nps&by=segment", "dashboard-breakdowns" },
        { "quickpoll/products", "dashboard-products" },
        { $"quickpoll/products/{Target}", "dashboard-product" },
        { "quickpoll/polls", "dashboard-polls" },
        { "quickpoll/moderation", "dashboard-moderation" },
        { "quickpoll/export", "dashboard-export" },
        { "quickpoll/login", "dashboard-login" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task A_dashboard_page_has_no_serious_or_critical_accessibility_violations_in_light_or_dark(string path, string name)
    {
        await SeedAnswersAsync();
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await using var schemed = await NewContextAsync(scheme);
            page = await schemed.NewPageAsync();
            if (name != "dashboard-login")
            {
                await LogInAsync();
            }

            var response = await page.GotoAsync(path);
            Assert.NotNull(response);
            Assert.True(response.Ok, $"GET {path} answered {response.Status}.");

            var results = await page.RunAxe();
            var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            var schemeName = scheme == ColorScheme.Dark ? "dark" : "light";
            await ScreenshotAsync($"{name}-{schemeName}.png");
            Assert.True(blocking.Count == 0, $"/{path} ({schemeName}): " + string.Join("\n", blocking.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html)))));
        }
    }

    private async Task<IBrowserContext> NewContextAsync(ColorScheme scheme)
    {
        var created = await shop.Browser.NewContextAsync(new()
        {
            BaseURL = shop.BaseAddress.ToString(),
            Locale = "en-US",
            ColorScheme = scheme,
            ViewportSize = new() { Width = 1280, Height = 900 },
            AcceptDownloads = true,
        });
        created.SetDefaultTimeout(Timeout);
        return created;
    }

    /// <summary>Goes to the dashboard, is sent to the login page, and logs in with the demo's key.</summary>
    private async Task LogInAsync()
    {
        await page.GotoAsync("quickpoll");
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/quickpoll/login"));
        await page.GetByLabel("Admin key").FillAsync(AdminKey);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview", Level = 1 })).ToBeVisibleAsync();
    }

    private static readonly SemaphoreSlim s_seeding = new(1, 1);
    private static bool s_seeded;

    /// <summary>
    /// Once per run: a few answers of this test's own, in two segments and stages, given now (inside the default range),
    /// and a held comment, so every page has something to show.
    /// </summary>
    private async Task SeedAnswersAsync()
    {
        await s_seeding.WaitAsync();
        try
        {
            if (!s_seeded)
            {
                await SeedOnceAsync();
                s_seeded = true;
            }
        }
        finally
        {
            s_seeding.Release();
        }
    }

    private async Task SeedOnceAsync()
    {
        var answers = new object[]
        {
            new { target = Target, kind = "nps", score = 10, segment = Segment, journeyStage = "after-purchase" },
            new { target = Target, kind = "nps", score = 9, segment = Segment, journeyStage = "after-purchase" },
            new { target = Target, kind = "nps", score = 4, segment = "dashboard-newcomers", journeyStage = "purchase" },
            new { target = Target, kind = "csat", score = 5, segment = Segment, journeyStage = "purchase" },
            new { target = Target, kind = "stars", score = 4, segment = "dashboard-newcomers", journeyStage = "use" },
        };
        foreach (var answer in answers)
        {
            var response = await context.APIRequest.PostAsync("api/v1/answers", new() { DataObject = answer });
            Assert.True(response.Ok, $"POST /api/v1/answers answered {response.Status}: {await response.TextAsync()}");
        }

        await PostCommentAsync(new { target = Target, text = "Bright lamp. <b>Specs</b> at www.example.com", rating = 4, segment = Segment, formToken = await CommentFormTokenAsync(Target) });
    }

    // A comment needs the form's token, sent no sooner than the endpoint's minimum time after it was issued.
    private async Task<string> CommentFormTokenAsync(string target)
    {
        var form = await context.APIRequest.GetAsync($"api/v1/comments/form?target={Uri.EscapeDataString(target)}");
        Assert.True(form.Ok, $"GET /api/v1/comments/form answered {form.Status}.");
        var json = (await form.JsonAsync())!.Value;
        await Task.Delay(TimeSpan.FromSeconds(json.GetProperty("minimumSeconds").GetInt32() + 0.2));
        return json.GetProperty("formToken").GetString()!;
    }

    private async Task PostCommentAsync(object comment)
    {
        var response = await context.APIRequest.PostAsync("api/v1/comments", new() { DataObject = comment });
        Assert.True(response.Ok, $"POST /api/v1/comments answered {response.Status}: {await response.TextAsync()}");
    }

    private async Task ScreenshotAsync(string name)
    {
        Directory.CreateDirectory(DemoShopFixture.ScreenshotDirectory);
        var path = Path.Combine(DemoShopFixture.ScreenshotDirectory, name);
        await page.ScreenshotAsync(new() { Path = path, FullPage = true });
        output.WriteLine($"Screenshot: {path}");
    }
}
