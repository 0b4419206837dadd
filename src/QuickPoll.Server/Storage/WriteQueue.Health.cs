namespace QuickPoll.Server.Storage;

/// <summary>What the health check reads of the writer.</summary>
internal sealed partial class WriteQueue
{
    /// <summary>When the longest-waiting queued write was queued (a <see cref="TimeProvider"/> timestamp), or null when none waits.</summary>
    public long? OldestWaitingSince => _queue.Reader.TryPeek(out var oldest) ? oldest.QueuedAt : null;
}
