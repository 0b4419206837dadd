using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Http;

public sealed class SqliteFormHandlerTests() : FormHandlerTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlFormHandlerTests() : FormHandlerTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// <c>POST /quickpoll/form</c> behind the Razor Pages shop's product page, whose tag helpers render the components with
/// forms that post there: antiforgery first, stored once per form through the same use cases, then a <c>303</c> back to
/// the page that shows the outcome, or JSON for a script; garbage and other hosts' addresses never get through.
/// </summary>
public abstract partial class FormHandlerTests : IDisposable
{
    private readonly TestDatabase database;
    private readonly ShopFactory shop;

    protected FormHandlerTests(QuickPollStorageProvider provider)
    {
        database = TestDatabase.Create(provider);
        shop = new ShopFactory(database);
    }

    public void Dispose()
    {
        shop.Dispose();
        database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task A_star_rating_is_stored_with_its_context_and_the_page_shows_the_thank_you_and_the_new_count()
    {
        var browser = Browser();
        var (form, fields) = await FormAsync(browser, "/Product", "qp-score");
        Assert.Equal("/quickpoll/form", Attribute(form, "action"));
        fields["qp-score"] = "4";

        using var response = await PostAsync(browser, fields);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Equal("/Product?qp-form=qp-stars-mug-001&qp-outcome=sent%3A4", location);
        Assert.Equal(1, await CountAsync(browser));
        Assert.Equal(1, await CountAsync(browser, "&segment=returning"));
        Assert.Equal(1, await CountAsync(browser, "&journeyStage=purchase"));
        Assert.Equal(1, await CountAsync(browser, "&touchpoint=product-page"));
        Assert.Equal(1, await CountAsync(browser, "&locale=en"));

        var page = await browser.GetStringAsync(new Uri(location, UriKind.Relative));
        var rating = Element(page, "rating");
        Assert.Contains("data-state=\"sent\"", rating, StringComparison.Ordinal);
        Assert.Contains("data-score=\"4\"", rating, StringComparison.Ordinal);
        Assert.Matches("<p class=\"qp-status\" role=\"status\" aria-live=\"polite\"[^>]*>Thanks for your rating!</p>", rating);
        Assert.Contains("data-count=\"1\"", Element(page, "summary"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_form_without_its_antiforgery_token_or_with_another_is_refused_and_stores_nothing()
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product", "qp-score");
        fields["qp-score"] = "5";

        var missing = new Dictionary<string, string>(fields);
        missing.Remove("__RequestVerificationToken");
        using var withoutToken = await PostAsync(browser, missing);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        Assert.Contains("Your answer was not sent", await withoutToken.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // Another visitor's token (a cross-site post with a token of the attacker's own): refused too.
        var (_, attackers) = await FormAsync(Browser(), "/Product", "qp-score");
        var forged = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = attackers["__RequestVerificationToken"] };
        using var withForged = await PostAsync(browser, forged, json: true);
        Assert.Equal(HttpStatusCode.BadRequest, withForged.StatusCode);
        await AssertProblemNamesAsync(withForged, "__RequestVerificationToken");

        Assert.Equal(0, await CountAsync(browser));
    }

    [Fact]
    public async Task The_same_form_posted_twice_and_eight_times_at_once_is_stored_once()
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product", "qp-score");
        fields["qp-score"] = "3";

        using (var first = await PostAsync(browser, fields))
        using (var again = await PostAsync(browser, fields))
        {
            Assert.Equal(HttpStatusCode.SeeOther, first.StatusCode);
            Assert.Equal(first.Headers.Location, again.Headers.Location);
        }

        Assert.Equal(1, await CountAsync(browser));

        var (_, next) = await FormAsync(browser, "/Product", "qp-score");
        next["qp-score"] = "5";
        var burst = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => PostAsync(browser, next)));
        Assert.All(burst, r => Assert.Equal(HttpStatusCode.SeeOther, r.StatusCode));
        Assert.All(burst, r => Assert.EndsWith("qp-outcome=sent%3A5", r.Headers.Location!.OriginalString, StringComparison.Ordinal));
        foreach (var response in burst)
        {
            response.Dispose();
        }

        Assert.Equal(2, await CountAsync(browser));
    }

    [Fact]
    public async Task A_review_is_published_once_and_shows_in_the_list_and_a_bot_that_fills_the_trap_stores_nothing()
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product", "text");
        var text = "<b>Lovely</b> mug " + Guid.NewGuid().ToString("N")[..8];
        (fields["text"], fields["rating"], fields["displayName"], fields["website"]) = (text, "5", "Ola", "");

        var sent = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => PostAsync(browser, fields)));
        Assert.All(sent, r => Assert.Equal("/Product?qp-form=qp-comment-mug-001&qp-outcome=published", r.Headers.Location!.OriginalString));

        var page = await browser.GetStringAsync(new Uri("/Product?qp-form=qp-comment-mug-001&qp-outcome=published", UriKind.Relative));
        Assert.Contains("data-state=\"published\"", Element(page, "comment"), StringComparison.Ordinal);
        // Text, never HTML: the visitor's markup is shown as they typed it, once.
        Assert.Single(Regex.Matches(Element(page, "reviews"), Regex.Escape(WebUtility.HtmlEncode(text))));
        Assert.DoesNotContain("<b>Lovely</b>", page, StringComparison.Ordinal);

        var (_, bot) = await FormAsync(browser, "/Product", "text");
        (bot["text"], bot["website"]) = ("Cheap pills at example.com", "https://spam.example");
        using var trapped = await PostAsync(browser, bot);
        Assert.EndsWith("qp-outcome=held", trapped.Headers.Location!.OriginalString, StringComparison.Ordinal);
        using var comments = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/v1/comments?target=mug-001", UriKind.Relative)));
        Assert.Equal(1, comments.RootElement.GetProperty("total").GetInt32());
    }

    [Fact]
    public async Task A_poll_vote_is_counted_once_and_the_page_shows_the_results()
    {
        var pollId = await CreatePollAsync();
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, $"/Product?poll={pollId}", "qp-poll");
        Assert.Equal($"/Product?poll={pollId}", fields["qp-return"]);
        fields["qp-choice"] = "quality";

        var votes = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => PostAsync(browser, fields)));
        var location = votes[0].Headers.Location!.OriginalString;
        Assert.Equal($"/Product?poll={pollId}&qp-form=qp-poll-{pollId}&qp-outcome=voted", location);

        using var results = JsonDocument.Parse(await browser.GetStringAsync(new Uri($"/api/v1/polls/{pollId}/results", UriKind.Relative)));
        Assert.Equal(1, results.RootElement.GetProperty("voters").GetInt32());
        var poll = Element(await browser.GetStringAsync(new Uri(location, UriKind.Relative)), "poll");
        Assert.Contains("data-state=\"voted\"", poll, StringComparison.Ordinal);
        Assert.Contains("data-choice=\"quality\" data-count=\"1\"", poll, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("//evil.example/")]
    [InlineData("https://evil.example/")]
    [InlineData("\\\\evil.example/")]
    [InlineData("/\\evil.example/")]
    [InlineData("/\t/evil.example/")]
    [InlineData("javascript:alert(1)")]
    [InlineData("")]
    public async Task A_return_address_that_is_not_a_local_path_goes_to_the_root(string returnPath)
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product", "qp-score");
        (fields["qp-score"], fields["qp-return"]) = ("4", returnPath);

        using var response = await PostAsync(browser, fields);

        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        Assert.Equal("/?qp-form=qp-stars-mug-001&qp-outcome=sent%3A4", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task The_return_address_keeps_the_pages_own_query_and_replaces_an_earlier_outcome()
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product?colour=%C5%BC%C3%B3%C5%82ty&qp-form=qp-comment-mug-001&qp-outcome=held", "qp-score");
        Assert.Equal("/Product?colour=%C5%BC%C3%B3%C5%82ty", fields["qp-return"]);
        fields["qp-score"] = "2";

        using var response = await PostAsync(browser, fields);

        Assert.Equal("/Product?colour=%C5%BC%C3%B3%C5%82ty&qp-form=qp-stars-mug-001&qp-outcome=sent%3A2", response.Headers.Location!.OriginalString);
    }

    [Theory]
    [InlineData("qp-score", "four")]
    [InlineData("qp-score", "9")]
    [InlineData("qp-score", "-1")]
    [InlineData("qp-kind", "bogus")]
    [InlineData("qp-target", "")]
    [InlineData("qp-target", "mug\u0001")]
    [InlineData("qp-journey-stage", "checkout")]
    [InlineData("qp-lang", "../../etc")]
    [InlineData("qp-key", "short")]
    [InlineData("qp-form", "")]
    public async Task Garbage_in_a_field_gets_a_problem_naming_it_for_a_script_and_an_error_for_a_visitor_and_stores_nothing(string field, string value)
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product", "qp-score");
        fields["qp-score"] = "4";
        fields[field] = value;

        using var json = await PostAsync(browser, fields, json: true);
        Assert.Equal(HttpStatusCode.BadRequest, json.StatusCode);
        await AssertProblemNamesAsync(json, field);

        using var html = await PostAsync(browser, fields);
        Assert.True(html.StatusCode is HttpStatusCode.SeeOther or HttpStatusCode.BadRequest, $"{field}: {html.StatusCode}");
        if (html.StatusCode == HttpStatusCode.SeeOther)
        {
            Assert.EndsWith("qp-outcome=refused", html.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains("Your answer was not sent", await html.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        Assert.Equal(0, await CountAsync(browser));
    }

    [Fact]
    public async Task A_script_gets_the_outcome_and_the_visitors_text_as_json_in_the_forms_language()
    {
        var browser = Browser();
        var (_, fields) = await FormAsync(browser, "/Product", "qp-score");
        fields["qp-score"] = "5";

        using var english = await PostAsync(browser, fields, json: true);
        Assert.Equal(HttpStatusCode.OK, english.StatusCode);
        using (var body = JsonDocument.Parse(await english.Content.ReadAsStringAsync()))
        {
            Assert.Equal("qp-stars-mug-001", body.RootElement.GetProperty("form").GetString());
            Assert.Equal("sent", body.RootElement.GetProperty("outcome").GetString());
            Assert.Equal("Thanks for your rating!", body.RootElement.GetProperty("message").GetString());
        }

        var (_, polish) = await FormAsync(browser, "/Product?culture=pl", "qp-score");
        Assert.Equal("pl", polish["qp-lang"]);
        polish["qp-score"] = "4";
        using var inPolish = await PostAsync(browser, polish, json: true);
        using (var body = JsonDocument.Parse(await inPolish.Content.ReadAsStringAsync()))
        {
            Assert.Equal("Dziękujemy za ocenę!", body.RootElement.GetProperty("message").GetString());
        }

        // Asked before a score was chosen: a problem naming the field, whose detail is what the component would say.
        var (_, empty) = await FormAsync(browser, "/Product", "qp-score");
        using var unchosen = await PostAsync(browser, empty, json: true);
        Assert.Equal(HttpStatusCode.BadRequest, unchosen.StatusCode);
        using (var problem = await AssertProblemNamesAsync(unchosen, "qp-score"))
        {
            Assert.Equal("Choose 1 to 5 stars first.", problem.RootElement.GetProperty("detail").GetString());
            Assert.Equal("choose", problem.RootElement.GetProperty("outcome").GetString());
        }

        Assert.Equal(2, await CountAsync(browser));
    }

    [Fact]
    public async Task Over_the_rate_limit_a_form_is_not_stored_and_the_visitor_is_told_how_long_to_wait()
    {
        using var limited = new ShopFactory(database, ("QuickPoll:Server:RateLimit:SubmissionsPerMinute", "1"), ("QuickPoll:Server:RateLimit:SubmissionBurst", "1"));
        var browser = limited.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var (_, first) = await FormAsync(browser, "/Product", "qp-score");
        first["qp-score"] = "4";
        using (var sent = await PostAsync(browser, first))
        {
            Assert.EndsWith("qp-outcome=sent%3A4", sent.Headers.Location!.OriginalString, StringComparison.Ordinal);
        }

        var (_, second) = await FormAsync(browser, "/Product", "qp-score");
        second["qp-score"] = "5";
        using var html = await PostAsync(browser, second);
        Assert.Matches("qp-outcome=wait-\\d+$", html.Headers.Location!.OriginalString);
        var page = await browser.GetStringAsync(new Uri(html.Headers.Location!.OriginalString, UriKind.Relative));
        Assert.Matches("Sent too quickly: wait \\d+ more seconds?, then send again\\.", Element(page, "rating"));

        using var json = await PostAsync(browser, second, json: true);
        Assert.Equal(HttpStatusCode.TooManyRequests, json.StatusCode);
        Assert.NotNull(json.Headers.RetryAfter);
        Assert.Equal(1, await CountAsync(browser));
    }

    private HttpClient Browser() => shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    private async Task<string> CreatePollAsync()
    {
        using var scope = shop.Services.CreateScope();
        var poll = await scope.ServiceProvider.GetRequiredService<IQuickPollAdminApi>().CreatePollAsync(new PollDefinition(
            new Dictionary<string, string> { ["en"] = "What matters most to you?" },
            [
                new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
                new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
            ]));
        return poll.Id;
    }

    private static async Task<HttpResponseMessage> PostAsync(HttpClient browser, Dictionary<string, string> fields, bool json = false)
    {
        var post = new HttpRequestMessage(HttpMethod.Post, "/quickpoll/form") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Accept.ParseAdd(json ? "application/json" : "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        return await browser.SendAsync(post);
    }

    private static async Task<JsonDocument> AssertProblemNamesAsync(HttpResponseMessage response, string field)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = JsonDocument.Parse(body);
        Assert.True(problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _), $"The problem does not name '{field}': {body}");
        return problem;
    }

    // The page's HTML form that has the named field, and its hidden fields as a browser would post them.
    private static async Task<(string Form, Dictionary<string, string> Fields)> FormAsync(HttpClient browser, string path, string field)
    {
        var page = await browser.GetStringAsync(new Uri(path, UriKind.Relative));
        var form = Forms().Matches(page).Select(m => m.Value).Single(f => f.Contains($"name=\"{field}\"", StringComparison.Ordinal));
        var fields = Inputs().Matches(form).Select(m => m.Value).Where(i => i.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .ToDictionary(i => Attribute(i, "name"), i => Attribute(i, "value"));
        return (form, fields);
    }

    // The component the page rendered with this id (its root element), up to the next component's.
    private static string Element(string page, string id)
    {
        var start = page.IndexOf($" id=\"{id}\"", StringComparison.Ordinal);
        Assert.True(start >= 0, $"The page has no element #{id}.");
        var next = page.IndexOf("class=\"qp-root ", page.IndexOf("class=\"qp-root ", start, StringComparison.Ordinal) + 1, StringComparison.Ordinal);
        return next < 0 ? page[start..] : page[start..next];
    }

    private static async Task<long> CountAsync(HttpClient browser, string filter = "")
    {
        using var summary = JsonDocument.Parse(await browser.GetStringAsync(new Uri("/api/v1/summaries?target=mug-001" + filter, UriKind.Relative)));
        return summary.RootElement.GetProperty("count").GetInt64();
    }

    private static string Attribute(string element, string name) =>
        WebUtility.HtmlDecode(Regex.Match(element, $" {name}=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Inputs();

    private sealed class ShopFactory(TestDatabase database, params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("QuickPoll:Server:Provider", database.Provider.ToString());
            builder.UseSetting("QuickPoll:Server:ConnectionString", database.ConnectionString);
            builder.UseSetting("QuickPoll:Server:CommentMinimumSeconds", "0");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }

            // Hundreds of short-lived test hosts would each watch appsettings.json and run out of inotify instances.
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]));
            // One visitor's address, as a real connection has (the in-memory server has none, and no address is not limited).
            builder.ConfigureServices(services => services.AddSingleton<IStartupFilter, VisitorAddress>());
        }
    }

    private sealed class VisitorAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((http, nextMiddleware) =>
            {
                http.Connection.RemoteIpAddress = IPAddress.Parse("203.0.113.7");
                return nextMiddleware(http);
            });
            next(app);
        };
    }
}
