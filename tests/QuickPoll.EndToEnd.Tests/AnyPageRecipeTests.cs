using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The README's "Add QuickPoll to any page", word for word: its command registers a site for a page's origin on the demo
/// shop's endpoint, and its head and body markup, on a page served from that other origin, rate a product in Chromium.
/// </summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class AnyPageRecipeTests(DemoShopFixture shop) : IAsyncLifetime
{
    private const float Timeout = 30_000;
    private const string AdminKey = "demo-admin-key-not-for-production";

    private WebApplication? pageServer;
    private string page = "";

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        // Another origin: the same loopback, another port.
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        pageServer = builder.Build();
        pageServer.MapGet("/", () => Results.Content(page, "text/html; charset=utf-8"));
        await pageServer.StartAsync();
    }

    public async Task DisposeAsync()
    {
        if (pageServer is not null)
        {
            await pageServer.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_plain_page_on_another_origin_that_follows_the_readme_recipe_rates_a_product()
    {
        var recipe = ReadmeAnyPageRecipe.Read(Path.Combine(QuickStartWorkspace.RepositoryRoot, "README.md"));
        var pageOrigin = new Uri(pageServer!.Urls.Single());
        Assert.NotEqual(shop.BaseAddress.GetLeftPart(UriPartial.Authority), pageOrigin.GetLeftPart(UriPartial.Authority));

        // Step 1, as written: the site for the page's origin, and its public key from the answer.
        var answer = await RunAsync(recipe.RegisterCommandFor(shop.BaseAddress, pageOrigin));
        using var site = JsonDocument.Parse(answer);
        var key = site.RootElement.GetProperty("publicKey").GetString()!;
        Assert.StartsWith("qp_pk_", key, StringComparison.Ordinal);
        // Steps 2 and 3, as written, in a page.
        page = recipe.PageFor(shop.BaseAddress, key);

        await using var context = await shop.Browser.NewContextAsync(new() { Locale = "en-US" });
        context.SetDefaultTimeout(Timeout);
        var before = await CountAsync(context);
        var browserPage = await context.NewPageAsync();
        var answers = new List<IRequest>();
        browserPage.Request += (_, r) =>
        {
            if (r.Method == "POST" && r.Url.EndsWith("/api/v1/answers", StringComparison.Ordinal))
            {
                answers.Add(r);
            }
        };
        var response = await browserPage.GotoAsync(pageOrigin.ToString());
        Assert.True(response is { Ok: true }, $"{pageOrigin} answered {response?.Status}.");

        var summary = browserPage.Locator("quickpoll-summary");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", before.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var rating = browserPage.Locator("quickpoll-rating");
        await rating.Locator("label").Filter(new() { HasText = "4 of 5 stars" }).ClickAsync();

        await Assertions.Expect(rating).ToHaveAttributeAsync("data-state", "sent");
        await Assertions.Expect(rating.GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var sent = Assert.Single(answers);
        Assert.Equal(key, await sent.HeaderValueAsync("x-quickpoll-site"));
        Assert.Equal(pageOrigin.GetLeftPart(UriPartial.Authority), await sent.HeaderValueAsync("origin"));

        // Counted once, also after a reload.
        await browserPage.ReloadAsync();
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", (before + 1).ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(before + 1, await CountAsync(context));
        Assert.Single(answers);
    }

    private async Task<long> CountAsync(IBrowserContext context)
    {
        var summary = await context.APIRequest.GetAsync(new Uri(shop.BaseAddress, "api/v1/summaries?target=mug-001&kind=stars").ToString());
        Assert.True(summary.Ok, $"GET /api/v1/summaries answered {summary.Status}.");
        using var json = JsonDocument.Parse(await summary.TextAsync());
        return json.RootElement.GetProperty("count").GetInt64();
    }

    private static async Task<string> RunAsync(string command)
    {
        var start = new ProcessStartInfo("bash") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-eo");
        start.ArgumentList.Add("pipefail");
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(command);
        start.Environment[ReadmeAnyPageRecipe.AdminKeyVariable] = AdminKey;
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(1));
        Assert.True(process.ExitCode == 0, $"The recipe's command exited with {process.ExitCode}:\n{await errors}");
        return await output;
    }
}
