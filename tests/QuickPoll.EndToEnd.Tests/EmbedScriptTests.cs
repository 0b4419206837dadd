using System.Text.RegularExpressions;
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
            <quickpoll-summary target="{name}-mug"></quickpoll-summary>
            <quickpoll-rating target="{name}-mug"></quickpoll-rating>
            <quickpoll-rating target="{name}-mug" kind="thumbs"></quickpoll-rating>
            <quickpoll-rating target="{name}-mug" kind="nps"></quickpoll-rating>
            <quickpoll-rating target="{name}-mug" kind="csat"></quickpoll-rating>
            <quickpoll-rating target="{name}-mug" kind="ces"></quickpoll-rating>
            <quickpoll-reviews target="{name}-mug"></quickpoll-reviews>
            <quickpoll-comment target="{name}-mug"></quickpoll-comment>
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

        // With ratings the summary is at its tallest: each element's content fits the space reserved for it, so none
        // scrolls or spills over what follows.
        await page.Locator("quickpoll-rating").First.Locator("label").Nth(4).ClickAsync();
        await Assertions.Expect(page.Locator("quickpoll-summary")).ToHaveAttributeAsync("data-count", "1");
        var overflowing = await page.EvaluateAsync<string[]>("""
            () => [...document.querySelectorAll('quickpoll-summary, quickpoll-rating, quickpoll-comment, quickpoll-poll, quickpoll-policy')]
              .filter(e => e.scrollHeight > e.clientHeight).map(e => e.localName + ' ' + e.getAttribute('kind') + ' ' + e.scrollHeight + '>' + e.clientHeight)
            """);
        Assert.True(overflowing.Length == 0, string.Join("\n", overflowing));
    }

    [Fact]
    public async Task A_page_whose_CSP_allows_only_itself_and_the_endpoint_works_with_no_violation_and_no_cookie()
    {
        var url = hosts.AddPage("/csp.html", hosts.Page("en", Widgets("csp-mug")), $"default-src 'self' {hosts.Endpoint}");
        var context = await hosts.Browser.NewContextAsync(new() { Locale = "en-US" });
        await using var _ = context;
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        var problems = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type is "error" or "warning")
            {
                problems.Add(message.Text);
            }
        };
        var endpointRequests = new List<IRequest>();
        page.Request += (_, request) =>
        {
            if (request.Url.StartsWith(hosts.Endpoint, StringComparison.Ordinal))
            {
                endpointRequests.Add(request);
            }
        };
        await page.AddInitScriptAsync("""
            window.violations = [];
            document.addEventListener('securitypolicyviolation', e => window.violations.push(e.violatedDirective + ' ' + e.blockedURI));
            """);
        await page.GotoAsync(url);
        await Assertions.Expect(page.Locator("quickpoll-summary")).ToHaveAttributeAsync("data-state", "loaded");

        await page.Locator("quickpoll-rating label").Nth(4).ClickAsync();

        await Assertions.Expect(page.Locator("quickpoll-rating")).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(page.Locator("quickpoll-summary")).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(page.Locator("quickpoll-summary li").First.Locator(".qp-b span")).ToHaveCSSAsync("width", new Regex("^[1-9]"));
        Assert.Empty(await page.EvaluateAsync<string[]>("() => window.violations"));
        Assert.Empty(problems);
        Assert.Equal(1, (await hosts.SummaryAsync("csp-mug")).Count);

        // No cookies: none stored for either origin (the endpoint sets its visitor cookie on any request that carries credentials), none sent.
        Assert.Empty(await context.CookiesAsync());
        Assert.Contains(endpointRequests, r => r.Method == "POST");
        foreach (var request in endpointRequests)
        {
            Assert.False((await request.AllHeadersAsync()).ContainsKey("cookie"), request.Url);
        }
    }

    [Fact]
    public async Task The_elements_have_no_serious_or_critical_accessibility_violation_in_light_or_dark()
    {
        var url = await GalleryAsync("en", "axe");
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            var (context, page) = await OpenAsync(url, scheme);
            await using var _ = context;
            await LoadedAsync(page);
            if (scheme == ColorScheme.Light)
            {
                // A rating sent and a review published, so the summary's distribution and a review are on the page too.
                await page.Locator("quickpoll-rating").First.Locator("label").Nth(2).ClickAsync();
                await Assertions.Expect(page.Locator("quickpoll-summary")).ToHaveAttributeAsync("data-count", "1");
                await page.Locator("quickpoll-comment textarea").FillAsync("<b>Great</b> mug & sturdy");
                await page.Locator("quickpoll-comment button").ClickAsync();
                await Assertions.Expect(page.Locator("quickpoll-comment [role=status]")).ToHaveTextAsync("Thanks! Your review is published.");
                await Assertions.Expect(page.Locator("quickpoll-reviews li p")).ToHaveTextAsync("<b>Great</b> mug & sturdy");
                await Assertions.Expect(page.Locator("quickpoll-reviews b")).ToHaveTextAsync("Anonymous");
            }

            var results = await page.RunAxe();
            var blocking = results.Violations.Where(v => v.Impact is "serious" or "critical").ToList();
            var name = scheme == ColorScheme.Dark ? "dark" : "light";
            await page.ScreenshotAsync(new() { Path = Path.Combine(DemoShopFixture.ScreenshotDirectory, $"embed-axe-{name}.png"), FullPage = true });
            Assert.True(blocking.Count == 0, $"{name}: " + string.Join("\n", blocking.Select(v =>
                $"{v.Impact} {v.Id}: {v.Help}\n    " + string.Join("\n    ", v.Nodes.Take(5).Select(n => n.Html + " " + string.Join(";", n.Any.Select(a => a.Message)))))));
        }
    }

    [Fact]
    public async Task The_keyboard_chooses_as_in_any_radio_group_and_only_Enter_or_the_button_sends()
    {
        var url = hosts.AddPage("/keys.html", hosts.Page("en", Widgets("keys-mug")));
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        var rating = page.Locator("quickpoll-rating");
        await page.Locator("quickpoll-rating input").First.FocusAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("ArrowLeft");
        await Assertions.Expect(rating.Locator("input:checked")).ToHaveValueAsync("4");
        Assert.Equal("idle", await rating.GetAttributeAsync("data-state"));
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(rating.Locator("input:checked")).ToHaveCountAsync(0);
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Choose an answer first.");

        await page.Locator("quickpoll-rating input").First.FocusAsync();
        await page.Keyboard.PressAsync("Home");
        await page.Keyboard.PressAsync("ArrowRight");
        await page.Keyboard.PressAsync("Enter");

        await Assertions.Expect(rating).ToHaveAttributeAsync("data-score", "2");
        await Assertions.Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        Assert.Equal(1, (await hosts.SummaryAsync("keys-mug")).Distribution[1]);
    }

    [Fact]
    public async Task A_Polish_page_gets_Polish_texts_and_a_poll_in_Polish()
    {
        var url = await GalleryAsync("pl-PL", "pl");
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        await Assertions.Expect(page.Locator("quickpoll-rating legend").First).ToHaveTextAsync("Oceń ten produkt");
        await Assertions.Expect(page.Locator("quickpoll-summary")).ToHaveTextAsync("Brak ocen");
        await Assertions.Expect(page.Locator("quickpoll-poll legend")).ToHaveTextAsync("Co jest najważniejsze?");
        await Assertions.Expect(page.Locator("quickpoll-policy b")).ToHaveTextAsync("Jak zbieramy opinie");

        await page.Locator("quickpoll-rating").First.Locator("label", new() { HasText = "5 z 5 gwiazdek" }).ClickAsync();
        await Assertions.Expect(page.Locator("quickpoll-rating").First.GetByRole(AriaRole.Status)).ToHaveTextAsync("Dziękujemy za ocenę!");
        await Assertions.Expect(page.Locator("quickpoll-summary .qp-t")).ToHaveTextAsync("5,0 · 1 ocena");

        await page.Locator("quickpoll-poll").GetByText("Jakość").ClickAsync();
        await page.Locator("quickpoll-poll").GetByRole(AriaRole.Button, new() { Name = "Głosuj" }).ClickAsync();
        await Assertions.Expect(page.Locator("quickpoll-poll [role=status]")).ToHaveTextAsync("Dziękujemy za głos! Oto wyniki.");
        await Assertions.Expect(page.Locator("quickpoll-poll li").Nth(1)).ToContainTextAsync("100% · 1 głos");
    }

    [Fact]
    public async Task Answers_sent_while_the_API_is_away_or_whose_responses_are_lost_are_stored_exactly_once()
    {
        string[] targets = ["outbox-a", "outbox-b", "outbox-c", "outbox-d"];
        var url = hosts.AddPage("/outbox.html", hosts.Page("en", $"""
            <quickpoll-context site-key="{hosts.SiteKey}">
            {string.Concat(targets.Select(t => $"<quickpoll-rating target=\"{t}\"></quickpoll-rating>"))}
            </quickpoll-context>
            """));
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        using var __ = new Finally(() => hosts.Outage = false);
        var ratings = page.Locator("quickpoll-rating");

        // The endpoint is down: three answers wait in the outbox, and a reload (which tries them once more as the page
        // goes, and again as it comes) keeps them.
        hosts.Outage = true;
        for (var i = 0; i < 3; i++)
        {
            await ratings.Nth(i).Locator("label").Nth(i + 2).ClickAsync();
            await Assertions.Expect(ratings.Nth(i)).ToHaveAttributeAsync("data-state", "sending");
        }

        await page.WaitForFunctionAsync("() => JSON.parse(localStorage['quickpoll-outbox'] || '[]').filter(e => e.at > 0).length == 3");
        await page.ReloadAsync();
        await Assertions.Expect(ratings.First).ToHaveAttributeAsync("data-state", "idle");
        Assert.Equal(3, await page.EvaluateAsync<int>("() => JSON.parse(localStorage['quickpoll-outbox']).length"));
        foreach (var target in targets)
        {
            Assert.Equal(0, (await hosts.SummaryAsync(target)).Count);
        }

        // Back, but each first response is lost after the server stored the answer; the outbox retries on its own
        // (after Retry-After, then with backoff) with the same key, which the server does not count again.
        var lost = new HashSet<string>();
        await page.RouteAsync($"{hosts.Endpoint}/api/v1/answers", async route =>
        {
            var key = await route.Request.HeaderValueAsync("idempotency-key") ?? "";
            if (lost.Add(key))
            {
                await route.FetchAsync();
                await route.AbortAsync("connectionreset");
            }
            else
            {
                await route.ContinueAsync();
            }
        });
        hosts.Outage = false;
        await ratings.Nth(3).Locator("label").Nth(4).ClickAsync();
        await page.WaitForFunctionAsync("() => (localStorage['quickpoll-outbox'] || '[]') == '[]'", null, new() { Timeout = 30_000 });
        await Assertions.Expect(ratings.Nth(3)).ToHaveAttributeAsync("data-state", "sent");

        Assert.Equal(4, lost.Count);
        for (var i = 0; i < targets.Length; i++)
        {
            var summary = await hosts.SummaryAsync(targets[i]);
            Assert.Equal(1, summary.Count);
            Assert.Equal(1, summary.Distribution[i == 3 ? 4 : i + 2]);
        }
    }

    [Fact]
    public async Task When_the_connection_returns_the_outbox_sends_at_once()
    {
        var url = hosts.AddPage("/online.html", hosts.Page("en", Widgets("online-mug")));
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        await page.RouteAsync($"{hosts.Endpoint}/api/v1/answers", route => route.AbortAsync("internetdisconnected"));
        await page.Locator("quickpoll-rating label").Nth(1).ClickAsync();
        // After some failures the next try is a minute away.
        await page.WaitForFunctionAsync("() => JSON.parse(localStorage['quickpoll-outbox'] || '[]')[0]?.n > 0");
        await page.EvaluateAsync("() => { const box = JSON.parse(localStorage['quickpoll-outbox']); box[0].at = Date.now() + 60000; localStorage['quickpoll-outbox'] = JSON.stringify(box); }");
        await page.EvaluateAsync("() => new Promise(r => setTimeout(r, 3500))");
        Assert.Equal("sending", await page.Locator("quickpoll-rating").GetAttributeAsync("data-state"));

        await page.UnrouteAllAsync();
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('online'))");
        await Assertions.Expect(page.Locator("quickpoll-rating")).ToHaveAttributeAsync("data-state", "sent", new() { Timeout = 2_000 });
        Assert.Equal(1, (await hosts.SummaryAsync("online-mug")).Count);
    }

    [Fact]
    public async Task An_answer_the_server_refuses_for_good_leaves_the_outbox_and_the_visitor_may_try_again()
    {
        var url = hosts.AddPage("/refused.html", hosts.Page("en", """
            <quickpoll-rating target="refused-mug" site-key="qp_pk_not-a-site"></quickpoll-rating>
            """));
        var (context, page) = await OpenAsync(url);
        await using var _ = context;
        var rating = page.Locator("quickpoll-rating");
        var posts = 0;
        page.RequestFinished += (_, request) => posts += request.Method == "POST" ? 1 : 0;
        await rating.Locator("label").Nth(2).ClickAsync();

        await Assertions.Expect(rating).ToHaveAttributeAsync("data-state", "error");
        await Assertions.Expect(rating.GetByRole(AriaRole.Alert)).ToContainTextAsync("Sorry, your rating could not be sent.");
        Assert.Equal("[]", await page.EvaluateAsync<string>("() => localStorage['quickpoll-outbox']"));
        Assert.Equal(1, posts);
        await rating.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
        await page.WaitForFunctionAsync("() => document.querySelector('quickpoll-rating').dataset.state == 'error' && document.querySelectorAll('[role=alert]').length == 1");
        for (var waited = 0; posts < 2 && waited < 50; waited++)
        {
            await Task.Delay(100);
        }

        Assert.Equal(2, posts);
        Assert.Equal(0, (await hosts.SummaryAsync("refused-mug")).Count);
    }

    [Fact]
    public async Task With_the_script_a_tag_helper_form_is_sent_in_place_once_with_the_servers_message()
    {
        var context = await hosts.Browser.NewContextAsync(new() { Locale = "en-US" });
        await using var _ = context;
        context.SetDefaultTimeout(Timeout);
        var page = await context.NewPageAsync();
        var navigations = 0;
        page.FrameNavigated += (_, frame) => navigations += frame == page.MainFrame ? 1 : 0;
        await page.GotoAsync(hosts.RazorShop + "/Script");
        var rating = page.Locator(".qp-star-rating");
        var status = rating.GetByRole(AriaRole.Status);

        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(status).Not.ToBeEmptyAsync();
        Assert.Equal(0, (await hosts.RazorShopSummaryAsync("mug-script")).Count);

        await rating.Locator("label").Nth(3).ClickAsync();
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await Assertions.Expect(status).ToHaveTextAsync("Thanks for your rating!");
        // Sent again: the form's key makes it the same submission.
        await rating.GetByRole(AriaRole.Button, new() { Name = "Send rating" }).ClickAsync();
        await page.WaitForFunctionAsync("() => (localStorage['quickpoll-outbox'] || '[]') == '[]'");

        Assert.Equal(1, navigations);
        Assert.DoesNotContain("qp-form", page.Url, StringComparison.Ordinal);
        var stored = await hosts.RazorShopSummaryAsync("mug-script");
        Assert.Equal(1, stored.Count);
        Assert.Equal(1, stored.Distribution[3]);
    }

    private sealed class Finally(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}
