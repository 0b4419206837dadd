using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The README's "Add QuickPoll to an MVC or Razor Pages app", word for word, as a new user follows it: a fresh
/// <c>dotnet new webapp</c>, the recipe's commands, Program.cs lines, <c>_ViewImports.cshtml</c> line and page, on the packages
/// the quick start packs (packed once for both), then a rating sent from that page in Chromium with JavaScript off.
/// </summary>
[Collection(QuickStartTestGroup.Name)]
public sealed class RazorPagesRecipeTests(QuickStartWorkspace workspace, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly NewApp app = new(workspace, output);

    public Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_new_razor_pages_app_that_follows_the_readme_recipe_rates_a_product_with_javascript_off()
    {
        var recipe = ReadmeRazorPagesRecipe.Read(Path.Combine(QuickStartWorkspace.RepositoryRoot, "README.md"));
        var shop = Path.Combine(workspace.Work, "PagesShop");

        await workspace.PackAsync(app);
        await app.RunAsync("dotnet", ["new", "webapp", "-o", shop], workspace.Work);
        await app.RunAsync("bash", ["-eo", "pipefail", "-c", recipe.AppCommands], shop);

        var programPath = Path.Combine(shop, "Program.cs");
        await File.WriteAllTextAsync(programPath, recipe.Apply(await File.ReadAllTextAsync(programPath)));
        var importsPath = Path.Combine(shop, recipe.ViewImportsPath);
        Assert.True(File.Exists(importsPath), $"The template has no {recipe.ViewImportsPath} to add the line to.");
        await File.AppendAllTextAsync(importsPath, recipe.ViewImportsLines + "\n");
        var pagePath = Path.Combine(shop, recipe.PagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(pagePath)!);
        await File.WriteAllTextAsync(pagePath, recipe.PageMarkup + "\n");

        await app.RunAsync("dotnet", ["build", "--nologo"], shop);
        var restored = Path.Combine(workspace.Packages, "quickpoll.taghelpers");
        Assert.True(Directory.Exists(restored), "QuickPoll.TagHelpers was not restored into the app's own package folder.");

        var pageAddress = await app.RunAppAsync(shop, recipe.PageRoute);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        await using var context = await browser.NewContextAsync(new() { JavaScriptEnabled = false, Locale = "en-US" });
        var page = await context.NewPageAsync();
        var broken = new List<string>();
        page.Response += (_, r) =>
        {
            if (r.Status >= 400)
            {
                broken.Add($"{r.Status} {r.Url}");
            }
        };
        var response = await page.GotoAsync(pageAddress.ToString());
        Assert.True(response is { Ok: true }, $"{pageAddress} answered {response?.Status}.");

        var summary = page.Locator(".qp-rating-summary");
        await Assertions.Expect(summary).ToContainTextAsync("No ratings yet");
        await page.GetByRole(AriaRole.Radio, new() { Name = "4 of 5 stars", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Space");
        await RenderModeTests.PostAsync(page, page.GetByRole(AriaRole.Button, new() { Name = "Send rating" }));

        Assert.Equal(pageAddress.AbsolutePath, new Uri(page.Url).AbsolutePath, ignoreCase: true);
        await Assertions.Expect(page.Locator(".qp-rating").GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await QuickStartTests.AssertOneRatingOfFourAsync(summary);
        await page.ReloadAsync();
        await QuickStartTests.AssertOneRatingOfFourAsync(summary);
        app.Log("rated in Chromium with JavaScript off");
        Assert.Empty(broken);
        // The components' own stylesheet reaches the page through the template's {App}.styles.css link.
        Assert.Equal("grid", await page.Locator(".qp-rating-summary .qp-distribution").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var log = app.Output;
        Assert.False(log.Contains("fail:", StringComparison.Ordinal), $"The app logged an error:\n{log}");
    }
}
