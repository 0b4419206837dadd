using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;

namespace QuickPoll.Server.Storage;

/// <summary>
/// A submission's <c>Idempotency-Key</c>, as the IETF httpapi draft describes it: scoped to the site whose public key
/// the request carried (none is a scope of its own) and to the operation, bound to a fingerprint of the request, and
/// kept for <paramref name="Lifetime"/>.
/// </summary>
/// <param name="Site">The site's id, or empty for requests without a site key.</param>
/// <param name="Key">The key as the client sent it.</param>
/// <param name="Fingerprint">A hash of the request's path and body: the same key with another request is refused.</param>
/// <param name="VisitorId">The visitor the write is stored for, so erasing the visitor removes the receipt too.</param>
/// <param name="Lifetime">How long a repeat returns the first result.</param>
internal sealed record IdempotentRequest(string Site, string Key, string Fingerprint, string? VisitorId, TimeSpan Lifetime);

/// <summary>
/// A write a client may retry with the same <c>Idempotency-Key</c>: the first one that commits is stored and its result
/// kept; a repeat (in the same group or later) returns that first result and writes nothing. A write refused at write
/// time claims nothing: the key stays free, and repeats in the same group get the same refusal.
/// </summary>
internal abstract class IdempotentWrite<T>(string operation, IdempotentRequest? idempotency, JsonTypeInfo<T> resultType) : WriteOperation<T>
    where T : class
{
    private readonly string? _fingerprint = idempotency?.Fingerprint;
    private T? _result;
    private IdempotentWrite<T>? _duplicateOf;
    private bool _wrote;
    private bool _replacesExpired;

    public sealed override void Execute(WriteBatch batch)
    {
        if (idempotency is { } key && IsRepeat(batch, key))
        {
            return;
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
        if (idempotency is not { } key)
        {
            return;
        }

        if (_replacesExpired)
        {
            batch.Execute(
                "DELETE FROM idempotency_receipts WHERE site = @site AND operation = @operation AND key = @key AND expires_at <= @now;",
                ("@site", key.Site), ("@operation", operation), ("@key", key.Key), ("@now", batch.Now));
        }

        // A plain insert: where another instance stored the same key meanwhile, the group fails and is retried write by
        // write, and this one then finds that receipt.
        batch.Execute(
            """
            INSERT INTO idempotency_receipts (site, operation, key, fingerprint, visitor_id, receipt, created_at, expires_at)
            VALUES (@site, @operation, @key, @fingerprint, @visitor, @receipt, @at, @expires);
            """,
            ("@site", key.Site), ("@operation", operation), ("@key", key.Key), ("@fingerprint", key.Fingerprint), ("@visitor", key.VisitorId),
            ("@receipt", JsonSerializer.Serialize(_result, resultType)), ("@at", batch.Now), ("@expires", WriteBatch.Stamp(batch.Time + key.Lifetime)));
    }

    public sealed override void Reset()
    {
        (_result, _duplicateOf, _wrote, _replacesExpired) = (null, null, false, false);
        ResetWrite();
    }

    /// <summary>Does the writes; a <see cref="WriteRejectedException"/> must come before any of them.</summary>
    protected abstract void Write(WriteBatch batch);

    /// <summary>Reads the result once the whole batch has written.</summary>
    protected abstract T Read(WriteBatch batch);

    /// <summary>Forgets what a rolled-back attempt left behind.</summary>
    protected abstract void ResetWrite();

    protected sealed override T GetResult()
    {
        if (_duplicateOf is { } first)
        {
            return first.Rejection is { } refusal ? throw refusal : first.GetResult();
        }

        return _result ?? throw new InvalidOperationException($"{GetType().Name} has no result: it was not committed.");
    }

    /// <summary>Whether this request repeats one this group or an earlier commit holds; throws 422 for the same key with another request.</summary>
    private bool IsRepeat(WriteBatch batch, IdempotentRequest key)
    {
        var claims = (Dictionary<(string, string, string), WriteOperation>)(batch.Items.TryGetValue(typeof(IdempotentWrite<>), out var items)
            ? items
            : batch.Items[typeof(IdempotentWrite<>)] = new Dictionary<(string, string, string), WriteOperation>());
        var scoped = (key.Site, operation, key.Key);
        if (claims.TryGetValue(scoped, out var claimed) && claimed is IdempotentWrite<T> first)
        {
            if (first._fingerprint == key.Fingerprint)
            {
                // Whatever the first gets (its result or its refusal), so do its repeats.
                _duplicateOf = first;
                return true;
            }

            if (first.Rejection is null)
            {
                throw KeyReused();
            }

            // The first was refused, so it holds no claim: this request may use the key.
        }

        claims[scoped] = this;
        using var reader = batch.Query(
            "SELECT fingerprint, receipt, expires_at FROM idempotency_receipts WHERE site = @site AND operation = @operation AND key = @key;",
            ("@site", key.Site), ("@operation", operation), ("@key", key.Key));
        if (!reader.Read())
        {
            return false;
        }

        if (string.CompareOrdinal(reader.GetString(2), batch.Now) <= 0)
        {
            _replacesExpired = true;
            return false;
        }

        if (reader.GetString(0) != key.Fingerprint)
        {
            throw KeyReused();
        }

        _result = JsonSerializer.Deserialize(reader.GetString(1), resultType);
        return true;
    }

    private static WriteRejectedException KeyReused() =>
        new(StatusCodes.Status422UnprocessableEntity, "Idempotency-Key",
            "This Idempotency-Key was already used for another request. Send a new key with each new submission.");
}
