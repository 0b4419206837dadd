using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Xunit.Abstractions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>Runs the README's new apps alone: each builds and runs a whole app, and would slow every browser test beside it.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class QuickStartTestGroup : ICollectionFixture<QuickStartWorkspace>
{
    /// <summary>The collection's name.</summary>
    public const string Name = "Quick start";
}

/// <summary>
/// What the README's new apps share: one home folder (so the package source the quick start adds is there for every app), one
/// package folder of their own, and the packages, packed once by the quick start's commands for all of them.
/// </summary>
/// <remarks>
/// Every command runs with this home folder, so the package source it adds and the packages it restores touch nothing of the
/// machine's, and a package restored by an earlier run can never stand in for the one just packed.
/// </remarks>
public sealed class QuickStartWorkspace : IAsyncLifetime
{
    private readonly SemaphoreSlim packing = new(1, 1);
    private bool packed;

    /// <summary>The workspace's folder, in the temp folder.</summary>
    public string Work { get; } = Path.Combine(Path.GetTempPath(), "quickpoll-quickstart-" + Guid.NewGuid().ToString("N"));

    /// <summary>The home folder every command runs with.</summary>
    public string Home => Path.Combine(Work, "home");

    /// <summary>The package folder the new apps restore into.</summary>
    public string Packages => Path.Combine(Work, "packages");

    /// <summary>The repository's root: the folder with README.md beside src/, above the tests' folder.</summary>
    public static string RepositoryRoot
    {
        get
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

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(Home);
        // Nothing above the temp folder (a stray Directory.Build.props in /tmp) may change the new apps' builds.
        foreach (var file in new[] { "Directory.Build.props", "Directory.Build.targets", "Directory.Packages.props" })
        {
            File.WriteAllText(Path.Combine(Work, file), "<Project />");
        }

        return Task.CompletedTask;
    }

    /// <summary>Runs the quick start's commands in the repository (pack, add the source) the first time any app asks.</summary>
    /// <param name="app">The app that asks first, whose output shows the commands.</param>
    /// <returns>A task that completes once the packages are packed and their folder is a package source.</returns>
    public async Task PackAsync(NewApp app)
    {
        await packing.WaitAsync();
        try
        {
            if (!packed)
            {
                var quickStart = ReadmeQuickStart.Read(Path.Combine(RepositoryRoot, "README.md"));
                // The repository's own build reads the machine's package folder (already filled by building it); only the new
                // apps restore into an empty one.
                await app.RunAsync("bash", ["-eo", "pipefail", "-c", quickStart.RepositoryCommands], RepositoryRoot, isolatedPackages: false);
                packed = true;
            }
        }
        finally
        {
            packing.Release();
        }
    }

    public Task DisposeAsync()
    {
        packing.Dispose();
        try
        {
            Directory.Delete(Work, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless; a failed clean-up must not fail the run.
        }

        return Task.CompletedTask;
    }
}

/// <summary>A new app as a shop developer makes one: its commands run in the workspace's home, then the app itself, in Development.</summary>
public sealed class NewApp(QuickStartWorkspace workspace, ITestOutputHelper output) : IAsyncDisposable
{
    // Generous: a busy machine can take minutes to pack; a step that hangs still fails with its output.
    private static readonly TimeSpan StepTimeout = TimeSpan.FromMinutes(8);

    private readonly Stopwatch clock = Stopwatch.StartNew();
    private readonly StringBuilder appOutput = new();
    private Process? app;

    /// <summary>What the app (or the last command) has written so far.</summary>
    public string Output
    {
        get
        {
            lock (appOutput)
            {
                return appOutput.ToString();
            }
        }
    }

    /// <summary>Runs a command to its end; fails the test with its output if it fails or hangs.</summary>
    public async Task RunAsync(string file, string[] arguments, string directory, bool isolatedPackages = true)
    {
        using var process = Start(file, arguments, directory, baseAddress: null, isolatedPackages);
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(StepTimeout)) != exited)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"`{file} {string.Join(' ', arguments)}` did not finish within {StepTimeout}:\n{Output}");
        }

        await exited;
        Assert.True(process.ExitCode == 0, $"`{file} {string.Join(' ', arguments)}` exited with {process.ExitCode}:\n{Output}");
        lock (appOutput)
        {
            appOutput.Clear();
        }

        Log($"{file} {string.Join(' ', arguments)}");
    }

    /// <summary>Runs the built app in <paramref name="directory"/> on a free loopback port until it serves <paramref name="path"/>.</summary>
    /// <returns>The page's address.</returns>
    public async Task<Uri> RunAppAsync(string directory, string path)
    {
        var baseAddress = new Uri($"http://127.0.0.1:{FreePort()}/");
        app = Start("dotnet", ["run", "--no-build", "--no-launch-profile"], directory, baseAddress);
        var pageAddress = new Uri(baseAddress, path.TrimStart('/'));
        await WaitUntilServingAsync(pageAddress);
        Log($"the app serves {pageAddress}");
        return pageAddress;
    }

    /// <summary>Writes a step and the seconds since the app was made to the test's output.</summary>
    public void Log(string step) => output.WriteLine($"{clock.Elapsed.TotalSeconds,6:0.0} s  {step}");

    /// <summary>A free loopback port.</summary>
    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (app is { HasExited: false })
        {
            app.Kill(entireProcessTree: true);
            await app.WaitForExitAsync();
        }

        app?.Dispose();
    }

    private Process Start(string file, string[] arguments, string directory, Uri? baseAddress, bool isolatedPackages = true)
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
        start.Environment["HOME"] = workspace.Home;
        start.Environment["NUGET_PACKAGES"] = isolatedPackages ? workspace.Packages : machinePackages;
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
            Assert.False(app!.HasExited, $"The app stopped with {(app.HasExited ? app.ExitCode : 0)}:\n{Output}");
            try
            {
                using var response = await http.GetAsync(address);
                Assert.True(response.IsSuccessStatusCode, $"{address} answered {(int)response.StatusCode}:\n{Output}");
                return;
            }
            catch (HttpRequestException)
            {
                await Task.Delay(250);
            }
        }

        Assert.Fail($"The app did not answer at {address} within a minute:\n{Output}");
    }
}
