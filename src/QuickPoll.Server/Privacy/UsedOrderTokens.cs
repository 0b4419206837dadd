using System.Globalization;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Privacy;

/// <summary>Deletes at most <paramref name="limit"/> used order tokens that expired before <paramref name="cutoff"/>: such a token is refused anyway.</summary>
internal sealed class RemoveExpiredOrderTokens(DateTimeOffset cutoff, int limit) : WriteOperation<int>
{
    private int _removed;

    public override void Execute(WriteBatch batch) =>
        _removed = batch.Execute(
            """
            DELETE FROM used_order_tokens WHERE (order_hash, product, purpose) IN
                (SELECT order_hash, product, purpose FROM used_order_tokens WHERE expires_at < @before ORDER BY expires_at LIMIT @take);
            """,
            ("@before", WriteBatch.Stamp(cutoff)), ("@take", limit));

    public override void Reset() => _removed = 0;

    protected override int GetResult() => _removed;
}

/// <summary>
/// Replaces the raw order ids of tokens used before order ids were hashed (rows without an expiry) by their keyed hash.
/// </summary>
/// <remarks>
/// SQL cannot compute the hash without the secret, so the schema step only marks these rows and this runs at start-up,
/// before requests are served, so a token used before the upgrade stays used. Their tokens' expiry was never stored: a
/// year after the use is assumed, longer than shops give a review link. Without a secret no token can be verified,
/// so such rows guard nothing and are deleted.
/// </remarks>
internal sealed class RehashLegacyOrderTokens(string? secret) : WriteOperation<int>
{
    public static readonly TimeSpan AssumedLifetime = TimeSpan.FromDays(365);

    private int _rehashed;

    public override void Execute(WriteBatch batch)
    {
        var legacy = new List<(string OrderId, string Product, string Purpose, long UsedBy, string UsedAt)>();
        using (var reader = batch.Query("SELECT order_hash, product, purpose, used_by, used_at FROM used_order_tokens WHERE expires_at IS NULL;"))
        {
            while (reader.Read())
            {
                legacy.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetString(4)));
            }
        }

        _rehashed = legacy.Count;
        if (legacy.Count == 0)
        {
            return;
        }

        batch.Execute("DELETE FROM used_order_tokens WHERE expires_at IS NULL;");
        if (string.IsNullOrEmpty(secret))
        {
            return;
        }

        foreach (var (orderId, product, purpose, usedBy, usedAt) in legacy)
        {
            var used = DateTimeOffset.Parse(usedAt, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
            var order = new VerifiedOrder(VerifiedOrder.Hash(secret, orderId), used + AssumedLifetime);
            batch.Execute(
                """
                INSERT INTO used_order_tokens (order_hash, product, purpose, used_by, used_at, expires_at)
                VALUES (@order, @product, @purpose, @by, @at, @expires) ON CONFLICT DO NOTHING;
                """,
                ("@order", order.OrderHash), ("@product", product), ("@purpose", purpose), ("@by", usedBy), ("@at", usedAt),
                ("@expires", order.StoredExpiry));
        }
    }

    public override void Reset() => _rehashed = 0;

    protected override int GetResult() => _rehashed;
}
