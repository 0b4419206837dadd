using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace QuickPoll.Server.Tests.Http;

/// <summary>
/// A QuickPoll component on a Razor Page (the component tag helper, static): its plain form posts back to the page, which
/// cannot handle it. The visitor sees that nothing was sent and the shop's log says which page and what to change;
/// the page's own forms and QuickPoll's API are untouched.
/// </summary>
public sealed partial class StaticFormGuardTests : IAsyncLifetime
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "quickpoll-razorpages-" + Guid.NewGuid().ToString("N") + ".db");
    private RazorPagesShopFactory? shop;

    public Task InitializeAsync()
    {
        shop = new RazorPagesShopFactory(databasePath);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (shop is not null)
        {
            await shop.DisposeAsync();
        }

        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task A_star_rating_posted_to_a_razor_page_is_refused_with_a_message_and_a_logged_error_naming_the_page()
    {
        var browser = Browser();
        var (page, fields) = await FormOfAsync(browser, "qp-key");
        Assert.Contains("qp-stars-mug-001", page, StringComparison.Ordinal);
        fields["qp-score"] = "4";

        using var post = new HttpRequestMessage(HttpMethod.Post, "/ComponentTag") { Content = new FormUrlEncodedContent(fields) };
        post.Headers.Accept.ParseAdd("text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8");
        using var response = await browser.SendAsync(post);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("Your answer was not sent", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var error = Assert.Single(shop!.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level == LogLevel.Error);
        Assert.Contains("/ComponentTag", error.Message, StringComparison.Ordinal);
        Assert.Contains("qp-stars-mug-001", error.Message, StringComparison.Ordinal);
        Assert.Contains("MapRazorComponents", error.Message, StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync(browser));
    }

    [Fact]
    public async Task A_client_that_asks_for_json_gets_a_problem()
    {
        var browser = Browser();
        var (_, fields) = await FormOfAsync(browser, "qp-key");
        fields["qp-score"] = "5";

        using var response = await browser.PostAsync(new Uri("/ComponentTag", UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("cannot take QuickPoll's forms", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, await StoredCountAsync(browser));
    }

    [Fact]
    public async Task The_pages_own_form_is_still_handled_by_the_page()
    {
        var browser = Browser();
        var (_, fields) = await FormOfAsync(browser, "email");
        fields["email"] = "ola@example.com";

        using var response = await browser.PostAsync(new Uri("/ComponentTag", UriKind.Relative), new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("<h1>Mug</h1>", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.DoesNotContain(shop!.Services.GetFakeLogCollector().GetSnapshot(), r => r.Level >= LogLevel.Error);
    }

    [Fact]
    public async Task A_handler_that_reads_a_form_posts_raw_body_still_gets_all_of_it()
    {
        var browser = Browser();
        const string Body = "order=1234&status=paid";

        using var response = await browser.PostAsync(new Uri("/callback", UriKind.Relative),
            new StringContent(Body, System.Text.Encoding.UTF8, "application/x-www-form-urlencoded"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Body, await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task The_api_still_takes_answers_sent_as_json()
    {
        var browser = Browser();

        using var response = await browser.PostAsync(new Uri("/api/v1/answers", UriKind.Relative),
            new StringContent("""{"target":"mug-001","score":4}""", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, await StoredCountAsync(browser));
    }

    private HttpClient Browser() => shop!.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    // The page's HTML and the hidden fields of its form that has the named field, as a browser would post them.
    private static async Task<(string Page, Dictionary<string, string> Fields)> FormOfAsync(HttpClient browser, string field)
    {
        var page = await browser.GetStringAsync(new Uri("/ComponentTag", UriKind.Relative));
        var form = Forms().Matches(page).Select(m => m.Value).Single(f => f.Contains($"name=\"{field}\"", StringComparison.Ordinal));
        var fields = Inputs().Matches(form).Select(m => m.Value).Where(i => i.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .ToDictionary(i => Attribute(i, "name"), i => Attribute(i, "value"));
        return (page, fields);
    }

    private static async Task<long> StoredCountAsync(HttpClient browser)
    {
        var summary = await browser.GetStringAsync(new Uri("/api/v1/summaries?target=mug-001", UriKind.Relative));
        return long.Parse(CountField().Match(summary).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    private static string Attribute(string input, string name) =>
        WebUtility.HtmlDecode(Regex.Match(input, $" {name}=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Inputs();

    [GeneratedRegex("\"count\":(\\d+)")]
    private static partial Regex CountField();

    private sealed class RazorPagesShopFactory(string databasePath) : WebApplicationFactory<Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={databasePath}");
            // Hundreds of short-lived test hosts would each watch appsettings.json and run out of inotify instances.
            builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]));
            builder.ConfigureServices(services => services.AddFakeLogging());
        }
    }
}
