using Xunit.Abstractions;

namespace QuickPoll.Server.Tests.Durability;

public sealed class SqliteKillTests(ITestOutputHelper output) : KillTests(QuickPollStorageProvider.Sqlite, output);

public sealed class PostgreSqlKillTests(ITestOutputHelper output) : KillTests(QuickPollStorageProvider.PostgreSql, output);

/// <summary>
/// "An answer is acknowledged only after its group is committed", proven on a real process: answers under load,
/// the process killed (SIGKILL) or stopped (SIGTERM) in the middle, restarted on the same database, every
/// unacknowledged answer retried with its Idempotency-Key; then nothing acknowledged is lost and nothing counts twice.
/// </summary>
public abstract class KillTests(QuickPollStorageProvider provider, ITestOutputHelper output) : IDisposable
{
    private const int Workers = 48;
    private static readonly TimeSpan s_loadBeforeStop = TimeSpan.FromSeconds(2);

    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Answers_acknowledged_before_a_SIGKILL_are_all_stored_and_retries_count_once()
    {
        var load = new SubmissionLoad(Workers);
        using (var host = await BenchHostProcess.StartAsync(_database))
        {
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(host.Address, stop.Token);
            await Task.Delay(s_loadBeforeStop);
            Assert.False(running.IsCompleted, $"The load ended before the kill:\n{string.Join('\n', load.Refusals)}\n{host.Output}");

            host.Kill();
            stop.Cancel();
            await running.WaitAsync(TimeSpan.FromSeconds(30));
        }

        await RestartRetryAndVerifyAsync(load);
    }

    [Fact]
    public async Task A_SIGTERM_under_load_answers_every_request_it_took_and_commits_them()
    {
        var load = new SubmissionLoad(Workers);
        using (var host = await BenchHostProcess.StartAsync(_database))
        {
            using var stop = new CancellationTokenSource();
            var running = load.RunAsync(host.Address, stop.Token);
            await Task.Delay(s_loadBeforeStop);
            Assert.False(running.IsCompleted, $"The load ended before the stop:\n{string.Join('\n', load.Refusals)}\n{host.Output}");

            var exitCode = await host.TerminateAsync(TimeSpan.FromSeconds(30));
            stop.Cancel();
            await running.WaitAsync(TimeSpan.FromSeconds(30));

            Assert.True(exitCode == 0, $"Exit code {exitCode}:\n{host.Output}");
        }

        // A graceful stop finishes the requests it took: none answered with an error while draining.
        Assert.Empty(load.Refusals);
        await RestartRetryAndVerifyAsync(load);
    }

    private async Task RestartRetryAndVerifyAsync(SubmissionLoad load)
    {
        var sent = load.All.Count();
        var acknowledged = load.Acknowledged;
        output.WriteLine($"{provider}: {sent} answers sent by {Workers} connections, {acknowledged} acknowledged before the stop.");
        Assert.Empty(load.Refusals);
        Assert.True(acknowledged > Workers, "Too few answers were acknowledged for the test to mean anything.");

        using var restarted = await BenchHostProcess.StartAsync(_database);
        await load.RetryUnacknowledgedAsync(restarted.Address);
        await load.VerifyAsync(_database, restarted.Address);
    }
}
