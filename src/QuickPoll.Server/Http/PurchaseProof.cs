using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>A verified order token as it is stored: a keyed hash of the order id (never the id) and the token's expiry.</summary>
internal sealed record VerifiedOrder(string OrderHash, DateTimeOffset ExpiresAt)
{
    /// <summary>The expiry as stored: ISO 8601 UTC of one fixed width, like every timestamp, so text order is time order.</summary>
    public string StoredExpiry => WriteBatch.Stamp(ExpiresAt);

    /// <summary>
    /// HMAC-SHA256 of the order id under a key derived from the site's secret (so the hash is no signature of anything):
    /// without the secret the stored value tells nobody which order it was.
    /// </summary>
    public static string Hash(string secret, string orderId)
    {
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), "QuickPoll used order token"u8);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(orderId)));
    }
}

/// <summary>Verified purchases: an order token's signature is checked on arrival, its single use inside the write.</summary>
internal static class PurchaseProof
{
    /// <summary>Checks an optional order token against the site's secret, the clock and the product it is given for.</summary>
    /// <returns>The verified order, or null when no token was given.</returns>
    /// <exception cref="QuickPollRefusal">A token is present but not valid for <paramref name="product"/>.</exception>
    public static VerifiedOrder? Read(string? token, string product, QuickPollServerOptions options, DateTimeOffset now)
    {
        if (token is null)
        {
            return null;
        }

        if (string.IsNullOrEmpty(options.OrderTokenSecret))
        {
            throw QuickPollRefusal.Invalid("orderToken", "This site does not verify purchases: send no order token.");
        }

        if (!OrderTokens.TryVerify(options.OrderTokenSecret, token, now, out var orderId, out var tokenProduct, out var expiresAt))
        {
            throw QuickPollRefusal.Invalid("orderToken", "The order token is not valid or has expired.");
        }

        if (!string.Equals(tokenProduct, product, StringComparison.Ordinal))
        {
            throw QuickPollRefusal.Invalid("orderToken", "The order token was issued for another product.");
        }

        return new VerifiedOrder(VerifiedOrder.Hash(options.OrderTokenSecret, orderId), expiresAt);
    }

    /// <summary>Refuses a token already used for this product and purpose by another stored row (before anything is written).</summary>
    /// <returns>Whether the token is already claimed by <paramref name="sameRow"/>, so needs no new claim.</returns>
    public static bool EnsureUnused(WriteBatch batch, VerifiedOrder order, string product, string purpose, long? sameRow)
    {
        var usedBy = batch.Scalar(
            "SELECT used_by FROM used_order_tokens WHERE order_hash = @order AND product = @product AND purpose = @purpose;",
            ("@order", order.OrderHash), ("@product", product), ("@purpose", purpose));
        if (usedBy is null)
        {
            return false;
        }

        if (sameRow is { } row && Convert.ToInt64(usedBy, CultureInfo.InvariantCulture) == row)
        {
            return true;
        }

        throw new WriteRejectedException(StatusCodes.Status409Conflict, "orderToken", "This order token was already used for this product.");
    }

    /// <remarks>
    /// The primary key (hash, product, purpose) keeps the claim single even when two writers race: the second insert fails
    /// its group, and its retry on its own sees the first claim and is refused.
    /// </remarks>
    public static void Claim(WriteBatch batch, VerifiedOrder order, string product, string purpose, long usedBy) =>
        batch.Execute(
            """
            INSERT INTO used_order_tokens (order_hash, product, purpose, used_by, used_at, expires_at)
            VALUES (@order, @product, @purpose, @by, @at, @expires);
            """,
            ("@order", order.OrderHash), ("@product", product), ("@purpose", purpose), ("@by", usedBy), ("@at", batch.Now),
            ("@expires", order.StoredExpiry));
}
