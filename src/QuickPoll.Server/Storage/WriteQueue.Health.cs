namespace QuickPoll.Server.Storage;

/// <summary>What the health check reads of the writer.</summary>
internal sealed partial class WriteQueue
{
    // Counted here: the single-reader channel cannot count its items.
    private int _waiting;

    /// <summary>Whether the writer's loop runs (from start until it stops after shutdown, or fails).</summary>
    public bool IsRunning => _loop is { IsCompleted: false };

    /// <summary>When the longest-waiting queued write was queued (a <see cref="TimeProvider"/> timestamp), or null when none waits.</summary>
    public long? OldestWaitingSince => _queue.Reader.TryPeek(out var oldest) ? oldest.QueuedAt : null;
}
