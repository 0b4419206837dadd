using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Dashboard.Tests;

public sealed class SqliteDashboardTests() : DashboardTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlDashboardTests() : DashboardTests(QuickPollStorageProvider.PostgreSql);

/// <summary>The staff dashboard over HTTP, as a browser without script sees it.</summary>
public abstract class DashboardTests : IDisposable
{
    private readonly TestDatabase _database;

    protected DashboardTests(QuickPollStorageProvider provider)
    {
        _database = TestDatabase.Create(provider);
        // Three answers make a sample here, so tests can show both a headline and a small sample with little data.
        Factory = new QuickPollServerFactory(_database, o =>
        {
            o.MinimumSample = 3;
            o.BlockedWords.Add("scam");
        });
    }

    private QuickPollServerFactory Factory { get; }

    public void Dispose()
    {
        Factory.Dispose();
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_page_without_login_redirects_to_the_login_page_and_back()
    {
        var browser = DashboardBrowser.For(Factory);

        var response = await browser.GetAsync("/quickpoll/breakdowns?kind=csat");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/quickpoll/login?returnUrl=%2Fquickpoll%2Fbreakdowns%3Fkind%3Dcsat", response.Headers.Location?.OriginalString);
        var login = await browser.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Admin key", login);
        Assert.Contains("value=\"/quickpoll/breakdowns?kind=csat\"", login);
    }

    [Fact]
    public async Task Without_any_admin_key_the_login_page_names_the_setting_instead_of_a_form_no_key_can_open()
    {
        // The same database, with no key in configuration: only a key made through the admin API could open the dashboard.
        using var noConfiguredKey = Factory.WithWebHostBuilder(web =>
            web.ConfigureAppConfiguration(c => c.AddInMemoryCollection([new("QuickPoll:Server:AdminKey", null)])));
        var browser = DashboardBrowser.For(noConfiguredKey);

        var redirect = await browser.GetAsync("/quickpoll");
        var empty = await browser.PageAsync("/quickpoll/login");
        var created = await Factory.CreateAdminSdk().CreateAdminKeyAsync(new CreateAdminKeyRequest("Support desk"));
        var withKey = await browser.PageAsync("/quickpoll/login");
        var login = await browser.LogInAsync(created.Key);

        Assert.Equal("/quickpoll/login?returnUrl=%2Fquickpoll", redirect.Headers.Location?.OriginalString);
        Assert.Contains("No admin key is configured", empty, StringComparison.Ordinal);
        Assert.Contains("QuickPoll:Server:AdminKey", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"key\"", empty, StringComparison.Ordinal);
        Assert.DoesNotContain("No admin key is configured", withKey, StringComparison.Ordinal);
        Assert.Contains("name=\"key\"", withKey, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/quickpoll")).StatusCode);
    }

    [Fact]
    public async Task Revoking_an_admin_key_ends_the_dashboard_sign_ins_made_with_it_at_once()
    {
        var admin = Factory.CreateAdminSdk();
        var created = await admin.CreateAdminKeyAsync(new CreateAdminKeyRequest("Support desk"));
        var browser = DashboardBrowser.For(Factory);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync(created.Key)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await browser.GetAsync("/quickpoll")).StatusCode);

        await admin.RevokeAdminKeyAsync(created.Id);

        var after = await browser.GetAsync("/quickpoll");
        Assert.Equal(HttpStatusCode.Redirect, after.StatusCode);
        Assert.StartsWith("/quickpoll/login", after.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task A_wrong_key_is_refused_with_a_message_and_no_cookie()
    {
        var browser = DashboardBrowser.For(Factory);

        var response = await browser.LogInAsync("not-the-admin-key-at-all");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/quickpoll/login?failed=1", response.Headers.Location?.OriginalString);
        Assert.DoesNotContain(response.Headers.TryGetValues("Set-Cookie", out var cookies) ? cookies : [], c => c.StartsWith("quickpoll_dashboard=", StringComparison.Ordinal));
        Assert.Contains("That key was not accepted", await browser.PageAsync(response.Headers.Location!.OriginalString));
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/quickpoll")).StatusCode);
    }

    [Fact]
    public async Task Login_attempts_are_limited_per_address()
    {
        var browser = DashboardBrowser.For(Factory);
        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Redirect, (await browser.LogInAsync($"wrong-key-number-{i}")).StatusCode);
        }

        var throttled = await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.StatusCode);
        Assert.Contains("Too many attempts", await throttled.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/quickpoll")).StatusCode);
    }

    [Fact]
    public async Task The_right_key_sets_a_strict_http_only_cookie_for_the_dashboard_path_only()
    {
        var browser = DashboardBrowser.For(Factory);

        var response = await browser.LogInAsync(QuickPollServerFactory.AdminKey, "/quickpoll/polls");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/quickpoll/polls", response.Headers.Location?.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("quickpoll_dashboard=", StringComparison.Ordinal));
        Assert.Contains("path=/quickpoll", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=28800", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("Polls", await browser.PageAsync("/quickpoll/polls"));
    }

    [Theory]
    [InlineData("//evil.example/steal")]
    [InlineData("https://evil.example/")]
    [InlineData("/api/v1/admin/answers")]
    [InlineData("/quickpollx")]
    [InlineData("/quickpoll/%2e%2e/api/v1/admin/answers")]
    [InlineData("/quickpoll/../api/v1/admin/answers")]
    public async Task After_login_only_the_dashboard_own_pages_are_returned_to(string returnUrl)
    {
        var response = await DashboardBrowser.For(Factory).LogInAsync(QuickPollServerFactory.AdminKey, returnUrl);

        Assert.Equal("/quickpoll", response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Logging_out_clears_the_cookie()
    {
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);
        var token = await browser.TokenFromAsync("/quickpoll");

        var response = await browser.PostAsync("/quickpoll/logout", ("__RequestVerificationToken", token));

        Assert.Equal("/quickpoll/login", response.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/quickpoll")).StatusCode);
    }

    [Fact]
    public async Task The_overview_shows_each_figure_with_its_count_and_flags_small_samples()
    {
        var sdk = Factory.CreateSdk();
        foreach (var score in new[] { 10, 9, 9, 3 })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", score) { Kind = FeedbackKind.Nps });
        }

        foreach (var score in new[] { 5, 4 })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("tee-002", score) { Kind = FeedbackKind.Csat });
        }

        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);
        var html = await browser.PageAsync("/quickpoll");

        // NPS: 3 promoters, 1 detractor of 4 = 75% - 25% = 50, a headline.
        var nps = Card(html, "nps");
        Assert.Contains("<span class=\"qpd-value\">50</span>", nps);
        Assert.Contains("from 4 answers", nps);
        Assert.Contains("Promoters 75%", nps);
        Assert.Contains("detractors 25%", nps);
        Assert.Contains("role=\"img\"", nps);
        Assert.Contains("aria-label=\"NPS 50 from 4 answers: promoters 75% (3), passives 0% (0), detractors 25% (1).\"", nps);
        // CSAT: 2 answers are fewer than the minimum of 3: greyed, counted, never a headline.
        var csat = Card(html, "csat");
        Assert.Contains("qpd-card qpd-small", csat);
        Assert.Contains("Small sample", csat);
        Assert.Contains("from only 2 answers", csat);
        Assert.DoesNotContain("qpd-value", csat);
        Assert.Contains("No answers in this period", Card(html, "ces"));
    }

    [Fact]
    public async Task The_overview_compares_the_period_with_the_one_before_and_draws_the_days()
    {
        var now = DateTimeOffset.UtcNow;
        // Previous week: stars averaging 3.00 (3 answers); this week: 4.00 (3 answers) on two days.
        await Factory.CreateAdminSdk().ImportAsync(new FeedbackImport
        {
            Answers =
            [
                new("mug-001", FeedbackKind.Stars, 2, now.AddDays(-10)), new("mug-001", FeedbackKind.Stars, 3, now.AddDays(-10)),
                new("mug-001", FeedbackKind.Stars, 4, now.AddDays(-9)),
                new("mug-001", FeedbackKind.Stars, 5, now.AddDays(-2)), new("mug-001", FeedbackKind.Stars, 3, now.AddDays(-2)),
                new("mug-001", FeedbackKind.Stars, 4, now),
            ],
        });
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var stars = Card(await browser.PageAsync("/quickpoll?days=7"), "stars");

        Assert.Contains("<span class=\"qpd-value\">4.00</span>", stars);
        Assert.Contains("Up 1.00 from 3.00 in the previous period (3 answers).", stars);
        Assert.Contains("&#x25B2;", stars); // the up arrow, beside the words
        // Seven days, two of them answered: the line's text alternative says so.
        Assert.Contains("; 5 days without answers.", stars);
        Assert.Contains("lowest 4.00", stars);
    }

    [Fact]
    public async Task Breakdowns_put_groups_side_by_side_with_counts_and_flag_small_groups()
    {
        var sdk = Factory.CreateSdk();
        foreach (var (score, segment) in new[] { (10, "returning"), (9, "returning"), (8, "returning"), (2, "first-time") })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", score) { Kind = FeedbackKind.Nps, Segment = segment });
        }

        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);
        var html = await browser.PageAsync("/quickpoll/breakdowns?kind=nps&by=segment&days=7");

        var returning = Row(html, "returning");
        Assert.Contains("<td class=\"qpd-number\">3</td>", returning);
        Assert.Contains("<strong>66.7</strong>", returning);
        var firstTime = Row(html, "first-time");
        Assert.Contains("qpd-small", firstTime);
        Assert.Contains("Small sample", firstTime);
        Assert.Contains("<td class=\"qpd-number\">1</td>", firstTime);
        Assert.True(html.IndexOf("returning", StringComparison.Ordinal) < html.IndexOf("first-time", StringComparison.Ordinal), "largest group first");
    }

    [Fact]
    public async Task A_wrong_filter_names_the_field_and_shows_the_default_range()
    {
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var response = await browser.GetAsync("/quickpoll/breakdowns?by=colour&from=2026-13-01");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("role=\"alert\">from: enter the first day as a date", html);
    }

    [Fact]
    public async Task Visitor_text_is_shown_as_text_never_as_markup()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "<script>alert('x')</script> see www.scam.example.com") { DisplayName = "<b>Eve</b>" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1) { Kind = FeedbackKind.Nps, Segment = "<img src=x onerror=alert(1)>" });

        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);
        var queue = await browser.PageAsync("/quickpoll/moderation");
        var breakdown = await browser.PageAsync("/quickpoll/breakdowns?kind=nps&by=segment");

        Assert.Contains("&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt; see www.scam.example.com", queue);
        Assert.Contains("&lt;b&gt;Eve&lt;/b&gt;", queue);
        Assert.DoesNotContain("<script>", queue);
        Assert.Contains("&lt;img src=x onerror=alert(1)&gt;", breakdown);
        Assert.DoesNotContain("<img", breakdown);
    }

    [Fact]
    public async Task Moderation_without_the_antiforgery_token_is_refused_and_changes_nothing()
    {
        var sdk = Factory.CreateSdk();
        var held = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Buy cheap at www.example.com"));
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var response = await browser.PostAsync("/quickpoll/moderation", ("approve", held.CommentId.ToString(System.Globalization.CultureInfo.InvariantCulture)));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty("__RequestVerificationToken", out _));
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
    }

    [Fact]
    public async Task Approving_held_comments_publishes_them_and_rejecting_hides_them()
    {
        var sdk = Factory.CreateSdk();
        var link = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Great, more at www.example.com") { Rating = 5 });
        var word = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "What a scam") { Rating = 1 });
        var other = await sdk.SubmitCommentAsync(new SubmitCommentRequest("tee-002", "Also see shop.example.io") { Rating = 4 });
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        // Filtered by hold reason and by rating, the queue shows only the matching comment.
        var byWord = await browser.PageAsync("/quickpoll/moderation?reason=word");
        Assert.Contains("What a scam", byWord);
        Assert.DoesNotContain("www.example.com", byWord);
        var byRating = await browser.PageAsync("/quickpoll/moderation?rating=4");
        Assert.Contains("shop.example.io", byRating);
        Assert.DoesNotContain("What a scam", byRating);

        var queue = await browser.PageAsync("/quickpoll/moderation");
        var approve = await browser.PostAsync("/quickpoll/moderation",
            ("__RequestVerificationToken", DashboardBrowser.Token(queue)), ("status", "held"), ("action", "approve"),
            ("id", Id(link)), ("id", Id(other)));
        var reject = await browser.PostAsync("/quickpoll/moderation",
            ("__RequestVerificationToken", DashboardBrowser.Token(queue)), ("status", "held"), ("reject", Id(word)));

        Assert.Equal(HttpStatusCode.Redirect, approve.StatusCode);
        Assert.Equal("/quickpoll/moderation?status=held&notice=approved&count=2", approve.Headers.Location?.OriginalString);
        Assert.Contains("Approved 2 comments", await browser.PageAsync(approve.Headers.Location!.OriginalString));
        Assert.Equal(["Great, more at www.example.com"], (await sdk.GetCommentsAsync("mug-001")).Items.Select(c => c.Text));
        Assert.Single((await sdk.GetCommentsAsync("tee-002")).Items);
        Assert.Equal(HttpStatusCode.Redirect, reject.StatusCode);
        Assert.Contains("No comments match", await browser.PageAsync("/quickpoll/moderation"));
        // The rejected comment is listed as rejected, its text deleted.
        var rejected = await browser.PageAsync("/quickpoll/moderation?status=rejected");
        Assert.Contains("Text deleted on rejection.", rejected);
        Assert.DoesNotContain("What a scam", rejected);
    }

    [Fact]
    public async Task A_product_page_shows_its_figures_and_latest_comments()
    {
        var sdk = Factory.CreateSdk();
        foreach (var score in new[] { 5, 5, 4, 2 })
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", score));
        }

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("tee-002", 1));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Lovely glaze.") { Rating = 5 });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Held: see www.example.com"));
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var products = await browser.PageAsync("/quickpoll/products");
        var html = await browser.PageAsync("/quickpoll/products/mug-001");

        Assert.Contains("href=\"/quickpoll/products/mug-001\"", products);
        Assert.Contains("href=\"/quickpoll/products/tee-002\"", products);
        var stars = Card(html, "stars");
        Assert.Contains("<span class=\"qpd-value\">4.00</span>", stars);
        Assert.Contains("Distribution of 4 answers: 5 stars: 2 (50%), 4 stars: 1 (25%), 3 stars: 0 (0%), 2 stars: 1 (25%), 1 star: 0 (0%).", stars);
        Assert.Contains("Lovely glaze.", html);
        Assert.Contains("Held: see www.example.com", html);
        Assert.DoesNotContain("kind-thumbs", html);
    }

    [Fact]
    public async Task The_polls_page_shows_each_poll_overall_and_per_segment()
    {
        var admin = Factory.CreateAdminSdk();
        var poll = await admin.CreatePollAsync(new PollDefinition(
            new Dictionary<string, string> { ["en"] = "What brings you here?" },
            [new("gift", new Dictionary<string, string> { ["en"] = "A gift" }), new("self", new Dictionary<string, string> { ["en"] = "For me" })])
        {
            Target = "note-003",
        });
        var sdk = Factory.CreateSdk();
        foreach (var (choice, segment, visitor) in new[] { ("gift", "returning", "visitor-1111"), ("self", "returning", "visitor-2222"), ("self", "first-time", "visitor-3333") })
        {
            await sdk.VoteAsync(poll.Id, new PollVoteRequest([choice]) { Segment = segment, VisitorId = visitor });
        }

        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);
        var html = await browser.PageAsync("/quickpoll/polls");

        Assert.Contains("What brings you here?", html);
        Assert.Contains($"Poll {poll.Id} on note-003: 3 voters in all.", html);
        Assert.Contains("All voters (3)", html);
        Assert.Contains("returning (2)", html);
        Assert.Contains("66.7% (2)", html);
        Assert.Contains("50% (1)", html);
    }

    [Fact]
    public async Task The_export_streams_csv_with_a_header_row_to_a_logged_in_browser_only()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { Segment = "=cmd|' /C calc'!A0" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("tee-002", 9) { Kind = FeedbackKind.Nps });
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        var browser = DashboardBrowser.For(Factory);
        var path = $"/quickpoll/export/answers?from={today}&to={today}&format=csv";

        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync(path)).StatusCode);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);
        var response = await browser.GetAsync(path);
        var csv = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal($"quickpoll-answers-{today}-to-{today}.csv", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        var lines = csv.TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("id,target,kind,score,created_at", lines[0]);
        Assert.Equal(3, lines.Length);
        Assert.Contains(lines, l => l.Contains(",'=cmd|' /C calc'!A0,", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains(",tee-002,nps,9,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_export_also_comes_as_json_and_names_a_wrong_format()
    {
        await Factory.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));
        var browser = DashboardBrowser.For(Factory);
        await browser.LogInAsync(QuickPollServerFactory.AdminKey);

        var json = await browser.GetAsync("/quickpoll/export/answers?days=7&format=json");
        var wrong = await browser.GetAsync("/quickpoll/export/answers?format=xlsx");

        Assert.Equal("attachment", json.Content.Headers.ContentDisposition?.DispositionType);
        using var answers = JsonDocument.Parse(await json.Content.ReadAsStringAsync());
        Assert.Equal("mug-001", Assert.Single(answers.RootElement.EnumerateArray()).GetProperty("target").GetString());
        Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        Assert.Contains("format: choose CSV or JSON", await wrong.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_stylesheet_is_served_without_login_and_pages_allow_no_script()
    {
        var browser = DashboardBrowser.For(Factory);
        var login = await browser.GetAsync("/quickpoll/login");
        var href = System.Text.RegularExpressions.Regex.Match(await login.Content.ReadAsStringAsync(), "href=\"(/quickpoll/dashboard.css\\?v=[0-9a-f]+)\"").Groups[1].Value;

        var css = await browser.GetAsync(href);

        Assert.Equal("text/css", css.Content.Headers.ContentType?.MediaType);
        Assert.Contains("prefers-color-scheme: dark", await css.Content.ReadAsStringAsync());
        Assert.Contains("default-src 'none'", login.Headers.GetValues("Content-Security-Policy").Single());
    }

    private static string Id(CommentReceipt receipt) => receipt.CommentId.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The markup of one kind's card on the overview.</summary>
    private static string Card(string html, string kind)
    {
        var start = html.LastIndexOf("<section", html.IndexOf($"id=\"kind-{kind}\"", StringComparison.Ordinal), StringComparison.Ordinal);
        return html[start..html.IndexOf("</section>", start, StringComparison.Ordinal)];
    }

    /// <summary>The markup of the table row headed by a group's name.</summary>
    private static string Row(string html, string group)
    {
        var at = html.IndexOf($">{group}</th>", StringComparison.Ordinal);
        Assert.True(at >= 0, $"No row for {group}.");
        var start = html.LastIndexOf("<tr", at, StringComparison.Ordinal);
        return html[start..html.IndexOf("</tr>", at, StringComparison.Ordinal)];
    }
}
