using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The README's quick start, word for word, as a new user follows it: the packages packed from this repository into a
/// folder that becomes a package source, a fresh <c>dotnet new blazor</c> app, the README's commands, Program.cs lines and
/// page, then a rating sent from that page in Chromium. Editing the README's quick start changes what this test does.
/// </summary>
[Collection(QuickStartTestGroup.Name)]
public sealed class QuickStartTests(QuickStartWorkspace workspace, ITestOutputHelper output) : IAsyncLifetime
{
    private readonly NewApp app = new(workspace, output);

    public Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(30_000);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await app.DisposeAsync();

    [Fact]
    public async Task A_new_blazor_app_that_follows_the_readme_quick_start_rates_a_product()
    {
        var quickStart = ReadmeQuickStart.Read(Path.Combine(QuickStartWorkspace.RepositoryRoot, "README.md"));
        var shop = Path.Combine(workspace.Work, "Shop");

        // In the repository: pack into a folder and add it as a package source.
        await workspace.PackAsync(app);
        await app.RunAsync("dotnet", ["new", "blazor", "-o", shop], workspace.Work);
        await app.RunAsync("bash", ["-eo", "pipefail", "-c", quickStart.AppCommands], shop);

        var programPath = Path.Combine(shop, "Program.cs");
        await File.WriteAllTextAsync(programPath, quickStart.Apply(await File.ReadAllTextAsync(programPath)));
        var pagePath = Path.Combine(shop, quickStart.PagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(pagePath)!);
        await File.WriteAllTextAsync(pagePath, quickStart.PageMarkup + "\n");

        await app.RunAsync("dotnet", ["build", "--nologo"], shop);
        // The restored packages are the ones just packed, from the folder the README names.
        var restored = Path.Combine(workspace.Packages, "quickpoll.components");
        Assert.True(Directory.Exists(restored), "QuickPoll.Components was not restored into the app's own package folder.");
        var metadata = Directory.GetFiles(restored, ".nupkg.metadata", SearchOption.AllDirectories).Single();
        Assert.Contains(Path.Combine(workspace.Home, "quickpoll-packages"), await File.ReadAllTextAsync(metadata), StringComparison.Ordinal);

        var pageAddress = await app.RunAppAsync(shop, quickStart.PageRoute);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await Chromium.LaunchAsync(playwright);
        var page = await browser.NewPageAsync();
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

        await Assertions.Expect(page.Locator(".qp-rating").GetByRole(AriaRole.Status)).ToHaveTextAsync("Thanks for your rating!");
        await AssertOneRatingOfFourAsync(summary);
        await page.ReloadAsync();
        await AssertOneRatingOfFourAsync(summary);
        app.Log("rated in Chromium");
        Assert.Empty(broken);
        // The components' own stylesheet reaches the page through the app's bundle.
        Assert.Equal("grid", await page.Locator(".qp-rating-summary .qp-distribution").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var log = app.Output;
        Assert.False(log.Contains("fail:", StringComparison.Ordinal), $"The app logged an error:\n{log}");
    }

    internal static async Task AssertOneRatingOfFourAsync(ILocator summary)
    {
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-average", "4");
        await Assertions.Expect(summary.Locator(".qp-count")).ToHaveTextAsync("1 rating");
    }
}
