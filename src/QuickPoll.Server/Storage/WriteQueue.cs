using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Telemetry;

namespace QuickPoll.Server.Storage;

/// <summary>
/// The one place anything is written. Writes queue up and a single writer commits them in groups:
/// one transaction (and one disk flush) per group, and each caller acknowledged only after its group is
/// committed and on disk. If a group fails, each of its writes is retried on its own, so one bad write loses no other.
/// </summary>
/// <remarks>
/// Where the provider lets a commit's disk flush be done apart (SQLite), a <see cref="CommitFlusher"/> flushes and
/// answers committed groups while the writer runs the next one.
/// </remarks>
internal sealed partial class WriteQueue : IHostedService, IAsyncDisposable
{
    // Synchronous continuations: the only one is the writer's blocking wait, so a write wakes the writer directly
    // instead of through a thread-pool item.
    private readonly Channel<WriteOperation> _queue = Channel.CreateUnbounded<WriteOperation>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = true });

    private readonly Database _database;
    private readonly SummaryCache _summaries;
    private readonly TimeProvider _time;
    private readonly ILogger<WriteQueue> _logger;
    private readonly QuickPollMetrics _metrics;
    private readonly int _maxBatchSize;
    private Task? _loop;

    public WriteQueue(Database database, SummaryCache summaries, IOptions<QuickPollServerOptions> options, TimeProvider time, ILogger<WriteQueue> logger, QuickPollMetrics metrics)
    {
        _metrics = metrics;
        metrics.ObserveQueueLength(() => Volatile.Read(ref _waiting));
        _database = database;
        _summaries = summaries;
        _time = time;
        _logger = logger;
        _maxBatchSize = options.Value.MaxBatchSize;
    }

    /// <summary>Queues a write and completes once it is committed.</summary>
    /// <param name="operation">The write.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still be committed.</param>
    public Task<T> WriteAsync<T>(WriteOperation<T> operation, CancellationToken cancellationToken)
    {
        operation.QueuedAt = _time.GetTimestamp();
        Interlocked.Increment(ref _waiting);
        if (!_queue.Writer.TryWrite(operation))
        {
            Interlocked.Decrement(ref _waiting);
            throw new InvalidOperationException("QuickPoll is shutting down and accepts no more writes.");
        }

        return operation.Completion.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _database.EnsureMigrated();
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        return Task.CompletedTask;
    }

    /// <summary>Stops taking writes and commits every queued one before returning.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private void Run()
    {
        var reader = _queue.Reader;
        DbConnection? connection = null;
        WriteBatch? batch = null;
        CommitFlusher? flusher = null;
        try
        {
            // Blocking waits are fine: this is the writer's own thread.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                // While the disk is busy, writes that arrive meanwhile join this group.
                flusher?.WaitForRoom();

                // A new list each time: a committed group may still wait for its flush while the next one runs.
                var group = new List<WriteOperation>(Math.Min(_maxBatchSize, 64));
                while (group.Count < _maxBatchSize && reader.TryRead(out var operation))
                {
                    group.Add(operation);
                    Interlocked.Decrement(ref _waiting);
                }

                try
                {
                    if (connection is null)
                    {
                        connection = _database.OpenGroupWriter(out var flush);
                        flusher = flush is null ? null : new CommitFlusher(_metrics.Timed(flush), _logger);
                        flusher?.WaitForRoom();
                    }

                    batch ??= new WriteBatch(connection, _summaries);
                    var rejected = CommitGroup(batch, group);
                    if (flusher is not null)
                    {
                        flusher.Acknowledge(group, rejected);
                    }
                    else
                    {
                        Answer(group, rejected, failure: null);
                    }
                }
                catch (Exception ex)
                {
                    // Whatever failed, the writer keeps running: each write is retried alone, once the groups
                    // committed before are flushed and answered.
                    LogGroupFailed(ex, group.Count);
                    flusher?.Dispose();
                    batch?.Dispose();
                    connection?.Dispose();
                    (flusher, batch, connection) = (null, null, null);
                    CommitOneByOne(group);
                }
            }
        }
        finally
        {
            flusher?.Dispose();
            batch?.Dispose();
            connection?.Dispose();
        }
    }

    /// <summary>Answers a committed group's callers: each its result, its rejection, or <paramref name="failure"/>.</summary>
    internal static void Answer(List<WriteOperation> group, Dictionary<WriteOperation, WriteRejectedException>? rejected, Exception? failure)
    {
        foreach (var operation in group)
        {
            if (rejected is not null && rejected.TryGetValue(operation, out var rejection))
            {
                operation.Fail(rejection);
            }
            else if (failure is not null)
            {
                operation.Fail(failure);
            }
            else
            {
                operation.Succeed();
            }
        }
    }

    private void CommitOneByOne(List<WriteOperation> group)
    {
        foreach (var operation in group)
        {
            operation.Reset();
            List<WriteOperation> single = [operation];
            try
            {
                using var connection = _database.OpenWriter();
                using var batch = new WriteBatch(connection, _summaries);
                Answer(single, CommitGroup(batch, single), failure: null);
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex);
                operation.Fail(ex);
            }
        }
    }

    /// <summary>
    /// Runs a group in one transaction and returns the writes it refused; throws without answering anyone if the
    /// commit fails. Nobody is answered here: the caller does, once the commit is durable.
    /// </summary>
    private Dictionary<WriteOperation, WriteRejectedException>? CommitGroup(WriteBatch batch, List<WriteOperation> group)
    {
        Dictionary<WriteOperation, WriteRejectedException>? rejected = null;
        var started = _time.GetTimestamp();
        batch.Begin(_time.GetUtcNow());
        try
        {
            foreach (var operation in group)
            {
                try
                {
                    operation.Execute(batch);
                }
                catch (WriteRejectedException rejection)
                {
                    (rejected ??= [])[operation] = rejection;
                }
            }

            foreach (var operation in group)
            {
                if (rejected is null || !rejected.ContainsKey(operation))
                {
                    operation.Finish(batch);
                }
            }

            batch.Commit();
            _metrics.GroupCommitted(group.Count, _time, started);
        }
        catch
        {
            batch.Rollback();
            throw;
        }

        return rejected;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing a group of {Count} writes failed; retrying each on its own.")]
    private partial void LogGroupFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write failed on its own; its caller gets an error.")]
    private partial void LogWriteFailed(Exception exception);
}
