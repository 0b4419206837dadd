using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace QuickPoll.Server.Tests.Durability;

/// <summary>
/// The real collection endpoint (bench/QuickPoll.Bench) as a separate OS process on a free loopback port, so a
/// test can SIGKILL or SIGTERM it. Disposing always kills it.
/// </summary>
public sealed class BenchHostProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private BenchHostProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
    }

    public Uri Address { get; }

    public int Id => _process.Id;

    /// <summary>What the host printed, for a failure message.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the host on <paramref name="database"/> and waits until it answers.</summary>
    public static async Task<BenchHostProcess> StartAsync(TestDatabase database)
    {
        var port = FreeLoopbackPort();
        var address = new Uri($"http://127.0.0.1:{port}/");
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        if (database is SqliteTestDatabase sqlite)
        {
            start.ArgumentList.Add("--database");
            start.ArgumentList.Add(sqlite.Path);
        }
        else
        {
            start.ArgumentList.Add("--provider");
            start.ArgumentList.Add(database.Provider.ToString());
            start.ArgumentList.Add("--connection-string");
            start.ArgumentList.Add(database.ConnectionString);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var host = new BenchHostProcess(process, address);
        process.OutputDataReceived += (_, e) => host.Append(e.Data);
        process.ErrorDataReceived += (_, e) => host.Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await host.WaitUntilReadyAsync();
            return host;
        }
        catch
        {
            host.Dispose();
            throw;
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or the OOM killer.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    /// <summary>SIGTERM, as a container runtime or systemd stops a service; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var signal = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await signal.WaitForExitAsync();
        }

        using var cancel = new CancellationTokenSource(timeout);
        await _process.WaitForExitAsync(cancel.Token);
        return _process.ExitCode;
    }

    public void Dispose()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit();
            }
        }
        finally
        {
            _process.Dispose();
        }
    }

    /// <summary>
    /// The bench host's dll, built beside this test project (a ProjectReference that is not referenced): the path
    /// MSBuild wrote for this configuration, else the newest Debug or Release build found.
    /// </summary>
    public static string Dll { get; } = FindDll();

    private static string FindDll()
    {
        var built = typeof(BenchHostProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .FirstOrDefault(a => a.Key == "QuickPollBenchHost")?.Value;
        if (built is not null && File.Exists(built))
        {
            return Path.GetFullPath(built);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var bin = Path.Combine(dir.FullName, "bench", "QuickPoll.Bench", "bin");
            if (Directory.Exists(bin))
            {
                return new[] { "Debug", "Release" }
                    .Select(c => new FileInfo(Path.Combine(bin, c, "net10.0", "QuickPoll.Bench.dll")))
                    .Where(f => f.Exists)
                    .OrderByDescending(f => f.LastWriteTimeUtc)
                    .FirstOrDefault()?.FullName
                    ?? throw new FileNotFoundException($"QuickPoll.Bench.dll is not built under {bin}: build the test project.");
            }
        }

        throw new FileNotFoundException($"No bench/QuickPoll.Bench above {AppContext.BaseDirectory}.");
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync()
    {
        using var client = new HttpClient { BaseAddress = Address, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(60))
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bench host exited with {_process.ExitCode}:\n{Output}");
            }

            try
            {
                using var response = await client.GetAsync(new Uri("noop", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bench host did not answer on {Address} within 60 s:\n{Output}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }
}
