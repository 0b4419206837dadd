using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using ReadSummary = QuickPoll.Server.Application.ReadSummary;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Durability;

public sealed class SqliteGracefulShutdownTests() : GracefulShutdownTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlGracefulShutdownTests() : GracefulShutdownTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Stopping the host (StopAsync) commits every write still queued before it returns, and refuses new ones.</summary>
public abstract class GracefulShutdownTests(QuickPollStorageProvider provider) : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(provider);

    public void Dispose()
    {
        _database.Dispose();
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task StopAsync_commits_every_queued_write_before_returning()
    {
        const int queued = 2_000;
        Task<AnswerReceipt>[] writes;
        using (var host = BuildHost())
        {
            await host.StartAsync();
            var queue = host.Services.GetRequiredService<WriteQueue>();
            writes = [.. Enumerable.Range(0, queued).Select(i =>
                queue.WriteAsync(
                    new SubmitAnswer(new SubmitAnswerRequest($"drain-{i % 3}", i % 5 + 1), new IdempotentRequest("", $"drain-{i}", $"fingerprint-{i}", null, TimeSpan.FromHours(1))),
                    CancellationToken.None))];

            await host.StopAsync();

            // Nothing is left waiting: every queued write was committed before StopAsync returned.
            Assert.All(writes, w => Assert.True(w.IsCompletedSuccessfully, w.Exception?.ToString()));
            // A write after the stop is refused at once, as a 503 the caller may retry.
            Assert.Throws<WriteUnavailableException>(() =>
            {
                _ = queue.WriteAsync(new SubmitAnswer(new SubmitAnswerRequest("late", 1), null), CancellationToken.None);
            });
        }

        using var reopened = BuildHost();
        await reopened.StartAsync();
        var summaries = reopened.Services.GetRequiredService<ReadSummary>();
        var stored = Enumerable.Range(0, 3).Sum(t => summaries.Read($"drain-{t}", FeedbackKind.Stars).Count);
        Assert.Equal(queued, stored);
        Assert.Equal(queued, writes.Select(w => w.Result.AnswerId).Distinct().Count());
        await reopened.StopAsync();
    }

    private IHost BuildHost()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddQuickPollServer(o => (o.Provider, o.ConnectionString) = (_database.Provider, _database.ConnectionString));
        return builder.Build();
    }
}
