using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using ReadSummary = QuickPoll.Server.Application.ReadSummary;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Storage;

public sealed class SqliteWriterFaultTests() : WriterFaultTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlWriterFaultTests() : WriterFaultTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// Faults injected into the single writer: whatever one write or one step does, every caller gets its result or an
/// error, none waits forever, nothing committed is run again, and the writer goes on writing.
/// </summary>
public abstract class WriterFaultTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    protected static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task A_commit_that_throws_fails_only_its_own_write_and_the_others_are_stored_once()
    {
        var writes = Writer();
        using var hold = HoldWriter.Start(writes);
        var before = Answer("mug-001", 5);
        var bomb = new InjectedFault { BeforeCommit = true };
        var after = Answer("mug-001", 3);
        Task[] queued = [writes.WriteAsync(before, default), writes.WriteAsync(bomb, default), writes.WriteAsync(after, default)];
        hold.Release();

        await Task.WhenAll(queued[0], queued[2]).WaitAsync(Patience);
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => queued[1].WaitAsync(Patience));
        Assert.Equal(2, bomb.Executions);
        Assert.Equal("injected before the commit", failure.Message);
        Assert.Equal(2, (await Factory.CreateSdk().GetSummaryAsync("mug-001")).Count);
        await AssertStillWrites(writes);
    }

    [Fact]
    public async Task Work_after_a_commit_that_throws_is_logged_and_the_group_is_never_run_again()
    {
        var writes = Writer();
        using var hold = HoldWriter.Start(writes);
        var answers = Enumerable.Range(1, 5).Select(score => Answer("mug-001", score)).ToList();
        var bomb = new InjectedFault { AfterCommit = true };
        var queued = answers.Select(a => (Task)writes.WriteAsync(a, default)).Append(writes.WriteAsync(bomb, default)).ToList();
        hold.Release();

        await Task.WhenAll(queued).WaitAsync(Patience);
        Assert.Equal(1, bomb.Executions);
        var summary = await Factory.CreateSdk().GetSummaryAsync("mug-001");
        Assert.Equal(5, summary.Count);
        Assert.Equal(3.0, summary.Average);
        await AssertStillWrites(writes);
    }

    [Fact]
    public async Task A_result_that_cannot_be_had_fails_its_caller_alone()
    {
        var writes = Writer();
        using var hold = HoldWriter.Start(writes);
        var bomb = new InjectedFault { ResultThrows = true };
        var answer = Answer("mug-001", 4);
        var failing = writes.WriteAsync(bomb, default);
        var stored = writes.WriteAsync(answer, default);
        hold.Release();

        await Assert.ThrowsAsync<NotSupportedException>(() => failing.WaitAsync(Patience));
        Assert.Equal(1, (await stored.WaitAsync(Patience)).Summary.Count);
        Assert.Equal(1, bomb.Executions);
        await AssertStillWrites(writes);
    }

    [Fact]
    public async Task A_full_queue_refuses_a_submission_at_once_with_503_and_Retry_After()
    {
        using var host = Factory.WithWebHostBuilder(web => web.UseSetting("QuickPoll:Server:MaxQueuedWrites", "2"));
        var writes = host.Services.GetRequiredService<WriteQueue>();
        var client = host.CreateClient();
        Task<AnswerReceipt>[] waiting;
        using (var hold = HoldWriter.Start(writes))
        {
            waiting = [writes.WriteAsync(Answer("mug-001", 5), default), writes.WriteAsync(Answer("mug-001", 4), default)];

            using var refused = await client.PostAsync(
                "/api/v1/answers", new StringContent("""{"target":"mug-001","score":1}""", Encoding.UTF8, "application/json")).WaitAsync(Patience);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.StatusCode);
            Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
            Assert.True(int.Parse(refused.Headers.RetryAfter!.ToString(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            using var problem = JsonDocument.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Equal(503, problem.RootElement.GetProperty("status").GetInt32());
        }

        // What was queued is stored; what was refused is not; the next submission goes through.
        await Task.WhenAll(waiting).WaitAsync(Patience);
        using var accepted = await client.PostAsync(
            "/api/v1/answers", new StringContent("""{"target":"mug-001","score":3}""", Encoding.UTF8, "application/json")).WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        Assert.Equal(3, host.Services.GetRequiredService<ReadSummary>().Read("mug-001", FeedbackKind.Stars).Count);
    }

    private protected WriteQueue Writer() => Factory.Services.GetRequiredService<WriteQueue>();

    private protected static SubmitAnswer Answer(string target, int score) => new(new SubmitAnswerRequest(target, score), idempotency: null);

    private protected static async Task AssertStillWrites(WriteQueue writes)
    {
        var receipt = await writes.WriteAsync(Answer("still-writing", 5), default).WaitAsync(Patience);
        Assert.Equal(1, receipt.Summary.Count);
        Assert.True(writes.IsAlive);
    }
}

/// <summary>The SQLite writer's disk flush, done apart from the commit, failing once.</summary>
public sealed class FlushFaultTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    [Fact]
    public async Task A_flush_that_throws_fails_its_group_with_an_error_and_the_next_groups_are_stored()
    {
        var database = new FlakyFlushDatabase(_database.ConnectionString);
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var writes = new WriteQueue(
            database, new SummaryCache(enabled: true), Options.Create(new QuickPollServerOptions()), TimeProvider.System, NullLogger<WriteQueue>.Instance,
            new QuickPoll.Server.Telemetry.QuickPollMetrics(services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>()));
        await writes.StartAsync(default);
        try
        {
            var first = writes.WriteAsync(new SubmitAnswer(new SubmitAnswerRequest("mug-001", 5), idempotency: null), default);
            var failure = await Assert.ThrowsAsync<IOException>(() => first.WaitAsync(TimeSpan.FromSeconds(20)));
            Assert.Equal("injected flush failure", failure.Message);

            var receipts = await Task.WhenAll(Enumerable.Range(1, 20).Select(i =>
                writes.WriteAsync(new SubmitAnswer(new SubmitAnswerRequest("tee-002", i % 5 + 1), idempotency: null), default))).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(20, receipts.Max(r => r.Summary.Count));
            Assert.True(writes.IsAlive);
            Assert.True(database.Flushes > 1);
        }
        finally
        {
            await writes.StopAsync(default);
        }
    }

    public void Dispose() => _database.Dispose();

    private sealed class FlakyFlushDatabase(string connectionString) : SqliteDatabase(connectionString, AppContext.BaseDirectory)
    {
        private int _flushes;

        public int Flushes => _flushes;

        public override System.Data.Common.DbConnection OpenGroupWriter(out CommitFlush? flush)
        {
            var connection = base.OpenGroupWriter(out var real);
            Assert.NotNull(real);
            flush = new Flaky(real, this);
            return connection;
        }

        private sealed class Flaky(CommitFlush real, FlakyFlushDatabase owner) : CommitFlush
        {
            public override void Flush()
            {
                if (Interlocked.Increment(ref owner._flushes) == 1)
                {
                    throw new IOException("injected flush failure");
                }

                real.Flush();
            }

            public override void Dispose() => real.Dispose();
        }
    }
}

/// <summary>Holds the writer inside a write of its own, so that writes queued meanwhile form the next group.</summary>
internal sealed class HoldWriter : WriteOperation<bool>, IDisposable
{
    private readonly ManualResetEventSlim _entered = new();
    private readonly ManualResetEventSlim _release = new();

    public static HoldWriter Start(WriteQueue writes)
    {
        var hold = new HoldWriter();
        _ = writes.WriteAsync(hold, default);
        Assert.True(hold._entered.Wait(TimeSpan.FromSeconds(20)), "the writer should take the holding write");
        return hold;
    }

    public void Release() => _release.Set();

    public override void Execute(WriteBatch batch)
    {
        _entered.Set();
        _release.Wait(TimeSpan.FromSeconds(30));
    }

    protected override bool GetResult() => true;

    public void Dispose()
    {
        _release.Set();
        Completion.Wait(TimeSpan.FromSeconds(20));
        _entered.Dispose();
        _release.Dispose();
    }
}

/// <summary>A write that fails where it is told to: just before its group's commit, after it, or when its result is asked for.</summary>
internal sealed class InjectedFault : WriteOperation<string>
{
    private int _executions;

    public bool BeforeCommit { get; init; }

    public bool AfterCommit { get; init; }

    public bool ResultThrows { get; init; }

    public int Executions => _executions;

    public override void Execute(WriteBatch batch)
    {
        Interlocked.Increment(ref _executions);
        if (BeforeCommit)
        {
            batch.BeforeCommit(() => throw new InvalidOperationException("injected before the commit"));
        }

        if (AfterCommit)
        {
            batch.AfterCommit(() => throw new InvalidOperationException("injected after the commit"));
        }
    }

    protected override string GetResult() => ResultThrows ? throw new NotSupportedException("injected: no result") : "done";
}
