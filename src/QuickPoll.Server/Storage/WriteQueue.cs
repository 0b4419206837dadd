using System.Data.Common;
using System.Threading.Channels;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Telemetry;

namespace QuickPoll.Server.Storage;

/// <summary>
/// The one place anything is written. Writes queue up and a single writer commits them in groups:
/// one transaction (and one disk flush) per group, and each caller acknowledged only after its group is
/// committed and on disk.
/// </summary>
/// <remarks>
/// <para>The writer's contract:</para>
/// <list type="bullet">
/// <item>A group that fails before its commit is rolled back and each of its writes is retried on its own, so one bad
/// write loses no other. A committed group is never run again: work after the commit (caches, alerts) is logged when it
/// fails, never retried as writes.</item>
/// <item>Answering a caller never throws into the writer or the flusher; both outlive any exception of one write, and
/// <see cref="IsAlive"/> says whether they still run.</item>
/// <item>The queue is bounded: when it is full a write is refused at once with <see cref="WriteUnavailableException"/>
/// (a 503 with <c>Retry-After</c>) rather than waiting without limit.</item>
/// </list>
/// <para>Where the provider lets a commit's disk flush be done apart (SQLite), a <see cref="CommitFlusher"/> flushes and
/// answers committed groups while the writer runs the next one.</para>
/// </remarks>
internal sealed partial class WriteQueue : IHostedService, IAsyncDisposable
{
    private readonly Channel<WriteOperation> _queue;
    private readonly Database _database;
    private readonly SummaryCache _summaries;
    private readonly PublishedCommentCache _comments;
    private readonly TimeProvider _time;
    private readonly ILogger<WriteQueue> _logger;
    private readonly QuickPollMetrics _metrics;
    private readonly int _maxBatchSize;
    private volatile bool _stopping;
    private volatile CommitFlusher? _flusher;
    private Task? _loop;

    public WriteQueue(Database database, SummaryCache summaries, IOptions<QuickPollServerOptions> options, TimeProvider time, ILogger<WriteQueue> logger, QuickPollMetrics metrics,
        PublishedCommentCache? comments = null)
    {
        _comments = comments ?? PublishedCommentCache.Disabled;
        _metrics = metrics;
        _database = database;
        _summaries = summaries;
        _time = time;
        _logger = logger;
        _maxBatchSize = options.Value.MaxBatchSize;
        // Synchronous continuations: the only one is the writer's blocking wait, so a write wakes the writer directly
        // instead of through a thread-pool item.
        _queue = Channel.CreateBounded<WriteOperation>(new BoundedChannelOptions(options.Value.MaxQueuedWrites)
        {
            SingleReader = true,
            AllowSynchronousContinuations = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        metrics.ObserveQueueLength(() => _queue.Reader.Count);
    }

    /// <summary>Whether the writer (and, where there is one, its flusher) still runs.</summary>
    public bool IsAlive => _loop is { IsCompleted: false } && _flusher?.IsRunning != false;

    /// <summary>Queues a write and completes once it is committed.</summary>
    /// <param name="operation">The write.</param>
    /// <param name="cancellationToken">Stops waiting; the write may still be committed.</param>
    /// <exception cref="WriteUnavailableException">The queue is full, or the app is stopping.</exception>
    public Task<T> WriteAsync<T>(WriteOperation<T> operation, CancellationToken cancellationToken)
    {
        operation.QueuedAt = _time.GetTimestamp();
        if (!_queue.Writer.TryWrite(operation))
        {
            throw _stopping
                ? new WriteUnavailableException("QuickPoll is stopping and takes no more writes; try again in a moment.", 5)
                : new WriteUnavailableException("QuickPoll has more writes waiting than it takes at once; try again in a moment.", 1);
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
        _stopping = true;
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
        try
        {
            // Blocking waits are fine: this is the writer's own thread.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                List<WriteOperation>? group = null;
                var committed = false;
                try
                {
                    // While the disk is busy, writes that arrive meanwhile join this group.
                    _flusher?.WaitForRoom();

                    // A new list each time: a committed group may still wait for its flush while the next one runs.
                    group = new List<WriteOperation>(Math.Min(_maxBatchSize, 64));
                    while (group.Count < _maxBatchSize && reader.TryRead(out var operation))
                    {
                        group.Add(operation);
                    }

                    if (connection is null)
                    {
                        connection = _database.OpenGroupWriter(out var flush);
                        _flusher = flush is null ? null : new CommitFlusher(_metrics.Timed(flush), _logger);
                        _flusher?.WaitForRoom();
                    }

                    batch ??= new WriteBatch(connection, _summaries, LogAfterCommitFailed) { Comments = _comments };
                    CommitGroup(batch, group);
                    committed = true;
                    if (_flusher is { } flusher)
                    {
                        flusher.Acknowledge(group);
                    }
                    else
                    {
                        Answer(group, failure: null, _logger);
                    }
                }
                catch (Exception ex) when (!committed && group is { Count: > 0 })
                {
                    // Nothing of the group is stored: each write is retried alone, once the groups committed before
                    // are flushed and answered.
                    LogGroupFailed(ex, group.Count);
                    Close(ref connection, ref batch);
                    CommitOneByOne(group);
                }
                catch (Exception ex)
                {
                    // Committed but not handed over for its flush (or no group taken): never run again. Its callers get an
                    // error rather than wait, or an acknowledgement that no flush covers; a retry with the same key finds its receipt.
                    LogWriterFault(ex);
                    Close(ref connection, ref batch);
                    if (group is not null)
                    {
                        Answer(group, ex, _logger);
                    }
                }
            }
        }
        catch (Exception ex)
        {
            LogWriterStopped(ex);
            throw;
        }
        finally
        {
            Close(ref connection, ref batch);
        }
    }

    private void Close(ref DbConnection? connection, ref WriteBatch? batch)
    {
        // The flusher first: it answers every group handed over before the connection closes.
        var flusher = _flusher;
        _flusher = null;
        try
        {
            flusher?.Dispose();
            batch?.Dispose();
            connection?.Dispose();
        }
        catch (Exception ex)
        {
            LogWriterFault(ex);
        }

        (batch, connection) = (null, null);
    }

    /// <summary>Answers a committed group's callers: each its result, its refusal, or <paramref name="failure"/>. Never throws.</summary>
    internal static void Answer(List<WriteOperation> group, Exception? failure, ILogger logger)
    {
        foreach (var operation in group)
        {
            try
            {
                operation.Complete(failure);
            }
            catch (Exception ex)
            {
                LogAnswerFailed(logger, ex, operation.ToString());
            }
        }
    }

    private void CommitOneByOne(List<WriteOperation> group)
    {
        foreach (var operation in group)
        {
            operation.Rejection = null;
            operation.Reset();
            List<WriteOperation> single = [operation];
            try
            {
                using var connection = _database.OpenWriter();
                using var batch = new WriteBatch(connection, _summaries, LogAfterCommitFailed) { Comments = _comments };
                CommitGroup(batch, single);
            }
            catch (Exception ex)
            {
                LogWriteFailed(ex, operation.ToString());
                Answer(single, ex, _logger);
                continue;
            }

            Answer(single, failure: null, _logger);
        }
    }

    /// <summary>
    /// Runs a group in one transaction, noting each write it refused; throws without answering anyone if the
    /// commit fails. Nobody is answered here: the caller does, once the commit is durable.
    /// </summary>
    private void CommitGroup(WriteBatch batch, List<WriteOperation> group)
    {
        var started = _time.GetTimestamp();
        batch.Begin(_time.GetUtcNow());
        try
        {
            foreach (var operation in group)
            {
                operation.Rejection = null;
                try
                {
                    operation.Execute(batch);
                }
                catch (WriteRejectedException rejection)
                {
                    operation.Rejection = rejection;
                }
            }

            foreach (var operation in group)
            {
                if (operation.Rejection is null)
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
    }

    private void LogAfterCommitFailed(Exception exception, string what) => LogAfterCommitFailedCore(exception, what);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Committing a group of {Count} writes failed; retrying each on its own.")]
    private partial void LogGroupFailed(Exception exception, int count);

    [LoggerMessage(Level = LogLevel.Error, Message = "A write ({Write}) failed on its own; its caller gets an error.")]
    private partial void LogWriteFailed(Exception exception, string write);

    [LoggerMessage(Level = LogLevel.Error, Message = "Work after a commit ({Action}) failed; the writes are stored and are not run again.")]
    private partial void LogAfterCommitFailedCore(Exception exception, string action);

    [LoggerMessage(Level = LogLevel.Error, Message = "The writer met an error outside any write; it reopens its connection and goes on.")]
    private partial void LogWriterFault(Exception exception);

    [LoggerMessage(Level = LogLevel.Critical, Message = "The writer stopped: no write is stored until the app restarts.")]
    private partial void LogWriterStopped(Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Answering the caller of a write ({Write}) failed.")]
    private static partial void LogAnswerFailed(ILogger logger, Exception exception, string write);
}
