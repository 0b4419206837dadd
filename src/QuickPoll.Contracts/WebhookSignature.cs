using System.Buffers;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace QuickPoll.Contracts;

/// <summary>
/// Signs and checks webhook alerts. The signature is <c>sha256=</c> and the lower-case hex HMAC-SHA256, keyed with
/// the webhook's secret, of <c>"{timestamp}.{body}"</c>: the <c>X-QuickPoll-Timestamp</c> header, a dot, and the raw
/// request body. A receiver checks it with <see cref="Verify(string, string?, ReadOnlySpan{byte}, string?, DateTimeOffset, TimeSpan)"/>
/// before trusting anything in the alert.
/// </summary>
public static class WebhookSignature
{
    private const string Prefix = "sha256=";

    /// <summary>How far a timestamp may be from the receiver's clock by default: five minutes.</summary>
    public static TimeSpan DefaultTolerance { get; } = TimeSpan.FromMinutes(5);

    /// <summary>Signs a body as QuickPoll does.</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="timestamp">When the alert is sent, in Unix seconds (the <c>X-QuickPoll-Timestamp</c> header).</param>
    /// <param name="body">The exact bytes of the request body.</param>
    /// <returns>The <c>X-QuickPoll-Signature</c> header's value, <c>sha256=&lt;hex&gt;</c>.</returns>
    public static string Sign(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        return Prefix + Convert.ToHexStringLower(Hash(secret, timestamp, body));
    }

    /// <summary>
    /// Checks a received alert: the signature must match the body and timestamp, and the timestamp must be within
    /// <paramref name="tolerance"/> of <paramref name="now"/>, so a recorded request cannot be replayed later. The
    /// comparison takes the same time wherever the signatures differ.
    /// </summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="timestamp">The <c>X-QuickPoll-Timestamp</c> header.</param>
    /// <param name="body">The raw request body, exactly as received (before any JSON parsing).</param>
    /// <param name="signature">The <c>X-QuickPoll-Signature</c> header.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <param name="tolerance">How far the timestamp may be from <paramref name="now"/>, either way.</param>
    /// <returns><see langword="true"/> when QuickPoll sent this body with this secret within the tolerance.</returns>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now, TimeSpan tolerance)
    {
        if (string.IsNullOrEmpty(secret) || signature is null
            || !long.TryParse(timestamp, NumberStyles.None, CultureInfo.InvariantCulture, out var sent)
            || Math.Abs(now.ToUnixTimeSeconds() - sent) > tolerance.TotalSeconds
            || !signature.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        var hex = signature.AsSpan(Prefix.Length).Trim();
        return hex.Length == given.Length * 2
            && Convert.FromHexString(hex, given, out _, out var written) == OperationStatus.Done && written == given.Length
            && CryptographicOperations.FixedTimeEquals(given, Hash(secret, sent, body));
    }

    /// <summary>Checks a received alert with the <see cref="DefaultTolerance"/> of five minutes.</summary>
    /// <param name="secret">The webhook's secret.</param>
    /// <param name="timestamp">The <c>X-QuickPoll-Timestamp</c> header.</param>
    /// <param name="body">The raw request body, exactly as received.</param>
    /// <param name="signature">The <c>X-QuickPoll-Signature</c> header.</param>
    /// <param name="now">The receiver's current time.</param>
    /// <returns><see langword="true"/> when QuickPoll sent this body with this secret in the last five minutes.</returns>
    public static bool Verify(string secret, string? timestamp, ReadOnlySpan<byte> body, string? signature, DateTimeOffset now) =>
        Verify(secret, timestamp, body, signature, now, DefaultTolerance);

    private static byte[] Hash(string secret, long timestamp, ReadOnlySpan<byte> body)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, Encoding.UTF8.GetBytes(secret));
        hmac.AppendData(Encoding.UTF8.GetBytes(timestamp.ToString(CultureInfo.InvariantCulture) + "."));
        hmac.AppendData(body);
        return hmac.GetHashAndReset();
    }
}
