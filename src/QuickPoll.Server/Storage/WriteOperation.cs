namespace QuickPoll.Server.Storage;

/// <summary>
/// One write that goes through the <see cref="WriteQueue"/>. It runs inside a transaction shared with the
/// other writes that arrived at the same time, in two phases: <see cref="Execute"/> for every operation,
/// then <see cref="Finish"/> for every operation that was not refused, then one commit.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>When it was queued, a <see cref="TimeProvider"/> timestamp: how long the oldest write waits is a health check.</summary>
    public long QueuedAt { get; set; }

    /// <summary>The refusal <see cref="Execute"/> threw in the current attempt, if any: the caller gets it once the group is committed.</summary>
    public WriteRejectedException? Rejection { get; set; }

    /// <summary>Does the writes. A <see cref="WriteRejectedException"/> must be thrown before anything is written.</summary>
    public abstract void Execute(WriteBatch batch);

    /// <summary>Reads what the whole batch wrote (summaries, say) before the commit.</summary>
    public virtual void Finish(WriteBatch batch)
    {
    }

    /// <summary>Forgets what a rolled-back attempt left in this object, before it is run again on its own.</summary>
    public virtual void Reset()
    {
    }

    /// <summary>
    /// Answers the caller once the write's group is durable: its refusal, <paramref name="failure"/> when the group
    /// could not be made durable, or its result. Never throws: a result that cannot be had becomes the caller's error.
    /// </summary>
    public abstract void Complete(Exception? failure);

    /// <summary>What the write was, for a log line: never the visitor's data.</summary>
    public override string ToString() => GetType().Name;
}

/// <summary>A write whose caller waits for a result, given only after the result is committed.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Completion => _completion.Task;

    public sealed override void Complete(Exception? failure)
    {
        if (Rejection is not null)
        {
            _completion.TrySetException(Rejection);
            return;
        }

        if (failure is not null)
        {
            _completion.TrySetException(failure);
            return;
        }

        try
        {
            _completion.TrySetResult(GetResult());
        }
        catch (Exception ex)
        {
            _completion.TrySetException(ex);
        }
    }

    /// <summary>The committed result; may throw the refusal of the write this one repeats.</summary>
    protected abstract T GetResult();
}

/// <summary>A write refused for a reason the caller can fix or must be told (a closed poll, an unknown id).</summary>
internal sealed class WriteRejectedException(int statusCode, string field, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Field { get; } = field;
}

/// <summary>The writer cannot take the write now (its queue is full, or the app is stopping): the caller may retry later.</summary>
internal sealed class WriteUnavailableException(string message, int retryAfterSeconds) : Exception(message)
{
    public int RetryAfterSeconds { get; } = retryAfterSeconds;
}
