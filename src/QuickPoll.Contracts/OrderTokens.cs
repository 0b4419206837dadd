using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QuickPoll.Contracts;

/// <summary>
/// Signed, single-use proofs of purchase. The shop's backend issues one per ordered product with the site's
/// secret and passes it to the rating or comment widget; QuickPoll verifies it and marks the answer as a
/// verified purchase. A token is accepted once per product.
/// </summary>
public static class OrderTokens
{
    /// <summary>Issues a token for one product of one order.</summary>
    /// <param name="secret">The site's order-token secret, shared with the QuickPoll server (at least 32 characters).</param>
    /// <param name="orderId">The shop's order id.</param>
    /// <param name="product">The product's target id, for example its SKU.</param>
    /// <param name="expiresAt">After this moment the token is refused.</param>
    /// <returns>The token, safe to put in a page.</returns>
    public static string Issue(string secret, string orderId, string product, DateTimeOffset expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrWhiteSpace(orderId);
        ArgumentException.ThrowIfNullOrWhiteSpace(product);
        if (orderId.Contains('\n', StringComparison.Ordinal) || product.Contains('\n', StringComparison.Ordinal))
        {
            throw new ArgumentException("Order ids and products are single lines.", nameof(orderId));
        }

        var payload = Encoding.UTF8.GetBytes($"{orderId}\n{product}\n{expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)}");
        return $"{Base64Url.EncodeToString(payload)}.{Base64Url.EncodeToString(Sign(secret, payload))}";
    }

    /// <summary>Checks a token's signature and expiry and reads what it proves.</summary>
    /// <param name="secret">The site's order-token secret.</param>
    /// <param name="token">The token.</param>
    /// <param name="now">The current time.</param>
    /// <param name="orderId">The order the token was issued for.</param>
    /// <param name="product">The product the token was issued for.</param>
    /// <returns><see langword="true"/> when the token was issued with <paramref name="secret"/> and has not expired.</returns>
    public static bool TryVerify(string secret, string? token, DateTimeOffset now, out string orderId, out string product) =>
        TryVerify(secret, token, now, out orderId, out product, out _);

    /// <summary>Checks a token's signature and expiry and reads what it proves and until when.</summary>
    /// <param name="secret">The site's order-token secret.</param>
    /// <param name="token">The token.</param>
    /// <param name="now">The current time.</param>
    /// <param name="orderId">The order the token was issued for.</param>
    /// <param name="product">The product the token was issued for.</param>
    /// <param name="expiresAt">The moment after which the token is refused (whole seconds).</param>
    /// <returns><see langword="true"/> when the token was issued with <paramref name="secret"/> and has not expired.</returns>
    public static bool TryVerify(string secret, string? token, DateTimeOffset now, out string orderId, out string product, out DateTimeOffset expiresAt)
    {
        (orderId, product, expiresAt) = ("", "", default);
        if (string.IsNullOrEmpty(secret) || string.IsNullOrEmpty(token) || token.Length > 1024)
        {
            return false;
        }

        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || !Base64Url.IsValid(token.AsSpan(0, dot)) || !Base64Url.IsValid(token.AsSpan(dot + 1)))
        {
            return false;
        }

        var payload = Base64Url.DecodeFromChars(token.AsSpan(0, dot));
        var signature = Base64Url.DecodeFromChars(token.AsSpan(dot + 1));
        if (!CryptographicOperations.FixedTimeEquals(signature, Sign(secret, payload)))
        {
            return false;
        }

        var parts = Encoding.UTF8.GetString(payload).Split('\n');
        if (parts.Length != 3 || !long.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var expires)
            || now.ToUnixTimeSeconds() > expires || expires > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return false;
        }

        (orderId, product, expiresAt) = (parts[0], parts[1], DateTimeOffset.FromUnixTimeSeconds(expires));
        return true;
    }

    private static byte[] Sign(string secret, byte[] payload) => HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), payload);
}
