using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace QuickPoll.Server.Storage;

/// <summary>
/// A write a client may retry with the same <c>Idempotency-Key</c>: the first one is stored and its result
/// kept; a repeat (in the same batch or later) returns that first result and writes nothing.
/// </summary>
internal abstract class IdempotentWrite<T>(string scope, string? idempotencyKey, JsonTypeInfo<T> resultType) : WriteOperation<T>
    where T : class
{
    private readonly string? _key = idempotencyKey is null ? null : $"{scope}:{idempotencyKey}";
    private T? _result;
    private IdempotentWrite<T>? _duplicateOf;
    private bool _wrote;

    public sealed override void Execute(WriteBatch batch)
    {
        if (_key is not null)
        {
            var claimed = (Dictionary<string, object>)(batch.Items.TryGetValue(typeof(IdempotentWrite<>), out var items)
                ? items
                : batch.Items[typeof(IdempotentWrite<>)] = new Dictionary<string, object>(StringComparer.Ordinal));
            if (!claimed.TryAdd(_key, this))
            {
                _duplicateOf = claimed[_key] as IdempotentWrite<T>
                    ?? throw new WriteRejectedException(422, "Idempotency-Key", "The key was already used for another kind of request.");
                return;
            }

            if (batch.Scalar("SELECT receipt FROM idempotency_keys WHERE key = @key;", ("@key", _key)) is string stored)
            {
                _result = JsonSerializer.Deserialize(stored, resultType);
                return;
            }
        }

        Write(batch);
        _wrote = true;
    }

    public sealed override void Finish(WriteBatch batch)
    {
        if (!_wrote)
        {
            return;
        }

        _result = Read(batch);
        if (_key is not null)
        {
            batch.Execute(
                "INSERT INTO idempotency_keys (key, answer_id, receipt, created_at) VALUES (@key, @id, @receipt, @at);",
                ("@key", _key), ("@id", StoredId), ("@receipt", JsonSerializer.Serialize(_result, resultType)), ("@at", batch.Now));
        }
    }

    public sealed override void Reset()
    {
        (_result, _duplicateOf, _wrote) = (null, null, false);
        ResetWrite();
    }

    /// <summary>The id of the row the write stored, kept beside the key.</summary>
    protected abstract long StoredId { get; }

    /// <summary>Does the writes; a <see cref="WriteRejectedException"/> must come before any of them.</summary>
    protected abstract void Write(WriteBatch batch);

    /// <summary>Reads the result once the whole batch has written.</summary>
    protected abstract T Read(WriteBatch batch);

    /// <summary>Forgets what a rolled-back attempt left behind.</summary>
    protected abstract void ResetWrite();

    protected sealed override T GetResult() => _result ?? _duplicateOf!.GetResult();
}
