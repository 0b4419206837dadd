using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>Runs the quick start alone: it builds and runs a whole app, and would slow every browser test beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuickStartTestGroup
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Quick start";
}

/// <summary>
/// The README's quick start, word for word, as a new user follows it: the packages packed from this repository into a
/// folder that becomes a package source, a fresh <c>dotnet new blazor</c> app, the README's commands, Program.cs lines and
/// page, then a rating sent from that page in Chromium. Editing the README's quick start changes what this test does.
/// </summary>
/// <remarks>
/// Every command runs with a home folder of its own, so the package source it adds and the packages it restores touch
/// nothing of the machine's, and a package restored by an earlier run can never stand in for the one just packed.
/// </remarks>
[Collection(QuickStartTestGroup.Name)]
public sealed class QuickStartTests(ITestOutputHelper output) : IAsyncLifetime
{
    // Generous: a busy machine can take minutes to pack; a step that hangs still fails with its output.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    private readonly string work = Path.Combine(Path.GetTempPath(), "quickpoll-quickstart-" + Guid.NewGuid().ToString("N"));
    private readonly Stopwatch clock = new();
    private Process? app;
    private readonly StringBuilder appOutput = new();

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(work);
        // Nothing above the temp folder (a stray Directory.Build.props in /tmp) may change the new app's build.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(work, file), "<Project />");
        }

        Assertions.SetDefaultExpectTimeout(30_000);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        if (app is { HasExited: false })
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        app?.Dispose();
        try
        {
            Directory.Delete(work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed clean-up must not fail the run.
        }
    }

    [Fact]
    public async Task A_new_blazor_app_that_follows_the_readme_quick_start_rates_a_product()
    {
        clock.Start();
        var repository = RepositoryRoot();
        var quickStart = ReadmeQuickStart.Read(Path.Combine(repository, "README.md"));
        var home = Directory.CreateDirectory(Path.Combine(work, "home")).FullName;
        var shop = Path.Combine(work, "Shop");

        // In the repository: pack into a folder and add it as a package source. The repository's own build reads the
        // machine's package folder (already filled by building it); only the new app restores into an empty one.
        await RunAsync("bash", ["-eo", "pipefail", "-c", quickStart.RepositoryCommands], repository, home, isolatedPackages: false);
        await RunAsync("dotnet", ["new", "blazor", "-o", shop], work, home);
        await RunAsync("bash", ["-eo", "pipefail", "-c", quickStart.AppCommands], shop, home);

        var programPath = Path.Combine(shop, "Program.cs");
        await File.WriteAllTextAsync(programPath, quickStart.Apply(await File.ReadAllTextAsync(programPath)));
        var pagePath = Path.Combine(shop, quickStart.PagePath);
        Directory.CreateDirectory(Path.GetDirectoryName(pagePath)!);
        await File.WriteAllTextAsync(pagePath, quickStart.PageMarkup + "\n");

        await RunAsync("dotnet", ["build", "--nologo"], shop, home);
        // The restored packages are the ones just packed, from the folder the README names.
        var restored = Path.Combine(work, "packages", "quickpoll.components");
        Assert.True(Directory.Exists(restored), "QuickPoll.Components was not restored into the app's own package folder.");
        var metadata = Directory.GetFiles(restored, ".nupkg.metadata", SearchOption.AllDirectories).Single();
        Assert.Contains(Path.Combine(home, "quickpoll-packages"), await File.ReadAllTextAsync(metadata), StringComparison.Ordinal);

        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        app = Start("dotnet", ["run", "--no-build", "--no-launch-profile"], shop, home, baseAddress);
        var pageAddress = new Uri(baseAddress, quickStart.PageRoute.TrimStart('/'));
        await WaitUntilServingAsync(pageAddress);
        Log($"the app serves {pageAddress}");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = DemoShopFixture.ChromiumPath,
            Headless = true,
            Args = DemoShopFixture.ChromiumArgs,
            Timeout = 60_000,
        });
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
        Log("rated in Chromium");
        Assert.Empty(broken);
        // The components' own stylesheet reaches the page through the app's bundle.
        Assert.Equal("grid", await page.Locator(".qp-rating-summary .qp-distribution").EvaluateAsync<string>("e => getComputedStyle(e).display"));
        var log = appOutput.ToString();
        Assert.False(log.Contains("fail:", StringComparison.Ordinal), $"The app logged an error:\n{log}");
    }

    private static async Task AssertOneRatingOfFourAsync(ILocator summary)
    {
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-count", "1");
        await Assertions.Expect(summary).ToHaveAttributeAsync("data-average", "4");
        await Assertions.Expect(summary.Locator(".qp-count")).ToHaveTextAsync("1 rating");
    }

    private async Task RunAsync(string file, string[] arguments, string directory, string home, bool isolatedPackages = true)
    {
        using var process = Start(file, arguments, directory, home, baseAddress: null, isolatedPackages);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(StepTimeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{file} {string.Join(' ', arguments)}` did not finish within {StepTimeout}:\n{appOutput}");
        }

        await exited;
        Assert.True(process.ExitCode == 0, $"`{file} {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{appOutput}");
        appOutput.Clear();
        Log($"{file} {string.Join(' ', arguments)}");
    }

    private Process Start(string file, string[] arguments, string directory, string home, Uri? baseAddress, bool isolatedPackages = true)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        // What the test host's own build and runner set must not steer the new app's build.
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("MSBuild", StringComparison.OrdinalIgnoreCase)
                     || k.StartsWith("VSTEST", StringComparison.OrdinalIgnoreCase) || k is "DOTNET_HOST_PATH").ToList())
        {
            start.Environment.Remove(name);
        }

        var machinePackages = Environment.GetEnvironmentVariable("NUGET_PACKAGES") is { Length: > 0 } configured
            ? configured
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".nuget", "packages");
        start.Environment["HOME"] = home;
        start.Environment["NUGET_PACKAGES"] = isolatedPackages ? Path.Combine(work, "packages") : machinePackages;
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (baseAddress is not null)
        {
            start.Environment["ASPNETCORE_URLS"] = baseAddress.ToString().TrimEnd('/');
            // As `dotnet run`'s launch profile does: a build (not a publish) serves its static assets in Development only.
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        }

        var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (appOutput)
            {
                appOutput.AppendLine(line);
            }
        }
    }

    private async Task WaitUntilServingAsync(Uri address)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            Assert.False(app!.HasExited, $"The app stopped with {(app.HasExited ? app.ExitCode : 0)}:\n{appOutput}");
            try
            {
                using var response = await http.GetAsync(address);
                Assert.True(response.IsSuccessStatusCode, $"{address} answered {(int)response.StatusCode}:\n{appOutput}");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        Assert.Fail($"The app did not answer at {address} within a minute:\n{appOutput}");
    }

    private void Log(string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {step}");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "README.md")) && Directory.Exists(Path.Combine(directory.FullName, "src")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("The repository's root (README.md beside src/) was not found above the test's folder.");
    }
}
