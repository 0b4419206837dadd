using System.Threading.Channels;
using Microsoft.Extensions.Logging;

namespace QuickPoll.Server.Storage;

/// <summary>
/// Makes a provider's commits durable where a commit returns before its disk flush (SQLite's write-ahead log with
/// <c>synchronous=NORMAL</c>): the writer's group connection calls <see cref="Flush"/> before anyone is told a
/// commit is stored.
/// </summary>
internal abstract class CommitFlush : IDisposable
{
    /// <summary>Waits until every commit that returned before this call is on disk.</summary>
    public abstract void Flush();

    public abstract void Dispose();
}

/// <summary>
/// Acknowledges committed groups only once a disk flush covers them, on a thread of its own: the writer goes on with
/// the next group while the disk works, and one flush covers every group committed meanwhile.
/// </summary>
internal sealed partial class CommitFlusher : IDisposable
{
    // Synchronous continuations: the only one is the flusher's blocking wait, woken directly by the writer.
    private readonly Channel<List<WriteOperation>> _committed = Channel.CreateUnbounded<List<WriteOperation>>(
        new UnboundedChannelOptions { SingleReader = true, SingleWriter = true, AllowSynchronousContinuations = true });

    // At most two groups between commit and answer: one being flushed, one committed meanwhile. The writer waits for
    // room before it takes a group, so a slow disk makes groups bigger rather than more numerous.
    private readonly SemaphoreSlim _room = new(2, 2);
    private readonly CommitFlush _flush;
    private readonly ILogger _logger;
    private readonly Task _loop;

    public CommitFlusher(CommitFlush flush, ILogger logger)
    {
        _flush = flush;
        _logger = logger;
        _loop = Task.Factory.StartNew(Run, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
    }

    /// <summary>Waits until fewer than two handed-over groups wait for their flush; then the next group may be run.</summary>
    public void WaitForRoom() => _room.Wait();

    /// <summary>Whether the flusher still answers committed groups.</summary>
    public bool IsRunning => !_loop.IsCompleted;

    /// <summary>Hands over a committed group run after <see cref="WaitForRoom"/>; its callers are answered after the next flush.</summary>
    public void Acknowledge(List<WriteOperation> group) => _committed.Writer.TryWrite(group);

    /// <summary>Flushes and answers every group handed over so far, then stops (before the connection closes).</summary>
    public void Dispose()
    {
        _committed.Writer.TryComplete();
        _loop.GetAwaiter().GetResult();
        _flush.Dispose();
        _room.Dispose();
    }

    private void Run()
    {
        var reader = _committed.Reader;
        var flushed = new List<List<WriteOperation>>();

        // Blocking waits are fine: this is the flusher's own thread.
        while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            flushed.Clear();
            while (reader.TryRead(out var committed))
            {
                flushed.Add(committed);
            }

            Exception? failure = null;
            try
            {
                _flush.Flush();
            }
            catch (Exception ex)
            {
                // Committed but perhaps not on disk: its callers get an error, never an acknowledgement.
                LogFlushFailed(ex, flushed.Sum(group => group.Count));
                failure = ex;
            }

            // Answering never throws, so the room is always given back and the writer never waits forever.
            foreach (var group in flushed)
            {
                WriteQueue.Answer(group, failure, _logger);
            }

            _room.Release(flushed.Count);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Flushing committed writes to disk failed; their {Count} callers get an error.")]
    private partial void LogFlushFailed(Exception exception, int count);
}
