namespace QuickPoll.Server.Storage;

/// <summary>
/// One write that goes through the <see cref="WriteQueue"/>. It runs inside a transaction shared with the
/// other writes that arrived at the same time, in two phases: <see cref="Execute"/> for every operation,
/// then <see cref="Finish"/> for every operation, then one commit.
/// </summary>
internal abstract class WriteOperation
{
    /// <summary>When it was queued, a <see cref="TimeProvider"/> timestamp: how long the oldest write waits is a health check.</summary>
    public long QueuedAt { get; set; }

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

    public abstract void Succeed();

    public abstract void Fail(Exception exception);
}

/// <summary>A write whose caller waits for a result, given only after the result is committed.</summary>
internal abstract class WriteOperation<T> : WriteOperation
{
    private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Completion => _completion.Task;

    public override void Succeed() => _completion.TrySetResult(GetResult());

    public override void Fail(Exception exception) => _completion.TrySetException(exception);

    /// <summary>The committed result.</summary>
    protected abstract T GetResult();
}

/// <summary>A write refused for a reason the caller can fix or must be told (a closed poll, an unknown id).</summary>
internal sealed class WriteRejectedException(int statusCode, string field, string message) : Exception(message)
{
    public int StatusCode { get; } = statusCode;

    public string Field { get; } = field;
}
