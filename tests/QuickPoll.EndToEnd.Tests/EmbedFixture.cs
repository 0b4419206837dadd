extern alias RazorPagesShop;

using System.Collections.Concurrent;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// Two origins on loopback, as a shop on another stack has them: a QuickPoll endpoint (nothing but
/// <c>AddQuickPollServer()</c>, <c>MapQuickPoll()</c> and <c>MapQuickPollAdmin()</c>) and a static file server for
/// plain HTML pages, registered as a site whose allowed origin is that server; and one headless Chromium.
/// </summary>
public sealed class EmbedFixture : IAsyncLifetime
{
    public const string AdminKey = "embed-tests-admin-key-0123456789";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "quickpoll-embed-" + Guid.NewGuid().ToString("N"));
    private readonly ConcurrentDictionary<string, (string Html, string? Csp)> pages = new();
    private WebApplication? endpoint;
    private WebApplication? shop;
    private RazorShopFactory? razorShop;
    private IPlaywright? playwright;
    private IBrowser? browser;

    /// <summary>The endpoint's origin, for example <c>http://127.0.0.1:41234</c>.</summary>
    public string Endpoint { get; private set; } = "";

    /// <summary>The static pages' origin, another port of the loopback.</summary>
    public string Shop { get; private set; } = "";

    /// <summary>The public key of the site whose allowed origin is <see cref="Shop"/>.</summary>
    public string SiteKey { get; private set; } = "";

    /// <summary>A Razor Pages shop that renders QuickPoll with the tag helpers and hosts its own endpoint.</summary>
    public string RazorShop { get; private set; } = "";

    public IBrowser Browser => browser ?? throw new InvalidOperationException("The fixture has not started.");

    /// <summary>
    /// While true, the endpoint answers every submission with 503 and <c>Retry-After: 1</c> (readable by the page, as
    /// QuickPoll's own CORS answers are), as a server that is down behind its proxy.
    /// </summary>
    public bool Outage { get; set; }

    /// <summary>A client of the endpoint's admin API, to count what is stored.</summary>
    public HttpClient Admin { get; } = new();

    /// <summary>Serves <paramref name="html"/> at <paramref name="path"/> of the shop, with a CSP header if given.</summary>
    public string AddPage(string path, string html, string? csp = null)
    {
        pages[path] = (html, csp);
        return Shop + path;
    }

    /// <summary>A page in the head of which the endpoint's stylesheet and script are, as the README says.</summary>
    public string Page(string lang, string body) => $$"""
        <!doctype html>
        <html lang="{{lang}}">
        <head>
        <meta charset="utf-8">
        <link rel="stylesheet" href="/page.css">
        <title>Mug</title>
        <link rel="stylesheet" href="{{Endpoint}}/quickpoll/embed.css">
        <script src="{{Endpoint}}/quickpoll/embed.js" async></script>
        </head>
        <body>
        <main>
        <h1>Mug</h1>
        {{body}}
        <p id="below">Content below the widgets.</p>
        </main>
        </body>
        </html>
        """;

    /// <summary>The stored summary of a target, read straight from the endpoint.</summary>
    public async Task<FeedbackSummary> SummaryAsync(string target, string kind = "stars") =>
        (await Admin.GetFromJsonAsync($"{Endpoint}/api/v1/summaries?target={target}&kind={kind}", QuickPollJsonContext.Default.FeedbackSummary))!;

    /// <summary>Creates an open poll in English and Polish and returns its id.</summary>
    public async Task<string> CreatePollAsync()
    {
        var definition = new PollDefinition(
            new Dictionary<string, string> { ["en"] = "What matters most?", ["pl"] = "Co jest najważniejsze?" },
            [
                new("price", new Dictionary<string, string> { ["en"] = "Price", ["pl"] = "Cena" }),
                new("quality", new Dictionary<string, string> { ["en"] = "Quality", ["pl"] = "Jakość" }),
                new("delivery", new Dictionary<string, string> { ["en"] = "Delivery", ["pl"] = "Dostawa" }),
            ]);
        var response = await Admin.PostAsJsonAsync($"{Endpoint}/api/v1/admin/polls", definition, QuickPollJsonContext.Default.PollDefinition);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.PollSummary))!.Id;
    }

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(dataDirectory);
        endpoint = Build(builder => builder.Services.AddQuickPollServer(o =>
        {
            o.ConnectionString = $"Data Source={Path.Combine(dataDirectory, "quickpoll.db")}";
            o.AdminKey = AdminKey;
            o.CommentMinimumSeconds = 1;
            // The endpoint would set its visitor cookie on a request that carried credentials: the script must never send any.
            o.VisitorCookie = true;
        }), app =>
        {
            app.Use(async (http, next) =>
            {
                if (Outage && HttpMethods.IsPost(http.Request.Method))
                {
                    http.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                    http.Response.Headers.RetryAfter = "1";
                    http.Response.Headers.AccessControlAllowOrigin = http.Request.Headers.Origin;
                    http.Response.Headers.AccessControlExposeHeaders = "Retry-After";
                    return;
                }

                await next(http);
            });
            app.MapQuickPoll();
            app.MapQuickPollAdmin();
        });
        shop = Build(_ => { }, app => app.MapGet("/{**path}", (HttpContext http, string? path) => path == "page.css"
            // The shop's own stylesheet: a page with a light and a dark design, as a page that follows the visitor's preference has.
            ? Results.Text(":root { color-scheme: light dark; background: Canvas; color: CanvasText; font-family: sans-serif; }", "text/css")
            : Page(http, path)));
        IResult Page(HttpContext http, string? path)
        {
            if (!pages.TryGetValue("/" + path, out var page))
            {
                return Results.NotFound();
            }

            if (page.Csp is not null)
            {
                http.Response.Headers.ContentSecurityPolicy = page.Csp;
            }

            return Results.Content(page.Html, "text/html; charset=utf-8");
        }

        await endpoint.StartAsync();
        await shop.StartAsync();
        razorShop = new RazorShopFactory(Path.Combine(dataDirectory, "razor-shop.db"));
        RazorShop = Chromium.StartOnRealPort(razorShop);
        Endpoint = AddressOf(endpoint);
        Shop = AddressOf(shop);

        Admin.DefaultRequestHeaders.Authorization = new("Bearer", AdminKey);
        var response = await Admin.PostAsJsonAsync($"{Endpoint}/api/v1/admin/sites",
            new SiteDefinition("Plain shop", [Shop]), QuickPollJsonContext.Default.SiteDefinition);
        response.EnsureSuccessStatusCode();
        SiteKey = (await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.RegisteredSite))!.PublicKey;

        playwright = await Playwright.CreateAsync();
        browser = await Chromium.LaunchAsync(playwright);
    }

    public async Task DisposeAsync()
    {
        if (browser is not null)
        {
            await browser.DisposeAsync();
        }

        playwright?.Dispose();
        Admin.Dispose();
        if (razorShop is not null)
        {
            await razorShop.DisposeAsync();
        }

        foreach (var app in new[] { endpoint, shop })
        {
            if (app is not null)
            {
                await app.DisposeAsync();
            }
        }

        try
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    /// <summary>The stored summary of a target in the Razor Pages shop.</summary>
    public async Task<FeedbackSummary> RazorShopSummaryAsync(string target) =>
        (await Admin.GetFromJsonAsync($"{RazorShop}/api/v1/summaries?target={target}", QuickPollJsonContext.Default.FeedbackSummary))!;

    private sealed class RazorShopFactory(string databasePath) : WebApplicationFactory<RazorPagesShop::Program>
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={databasePath}");
            builder.UseSetting("QuickPoll:Server:CommentMinimumSeconds", "0");
            builder.ConfigureLogging(logging => logging.ClearProviders());
        }
    }

    private static WebApplication Build(Action<WebApplicationBuilder> services, Action<WebApplication> map)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        services(builder);
        var app = builder.Build();
        map(app);
        return app;
    }

    private static string AddressOf(WebApplication app) => Chromium.AddressOf(app.Services);
}
