using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace QuickPoll.Contracts;

/// <summary>
/// Anonymous visitor ids: what lets a second answer by the same visitor replace the first. They carry no
/// personal data: either random, or a keyed hash of the shop's own customer id that cannot be turned back.
/// </summary>
public static class VisitorIds
{
    /// <summary>A new random visitor id (22 URL-safe characters), for example to keep in a first-party cookie.</summary>
    /// <returns>The id.</returns>
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// The visitor id of a signed-in customer: an HMAC-SHA256 of the shop's customer id under a secret of the
    /// shop's, so the same customer gets the same id on every device and QuickPoll never sees the real id.
    /// </summary>
    /// <param name="secret">A secret of the shop's (at least 32 characters); keep it stable, or ids change.</param>
    /// <param name="customerId">The shop's own customer id.</param>
    /// <returns>The id (43 URL-safe characters).</returns>
    public static string FromCustomerId(string secret, string customerId)
    {
        ArgumentException.ThrowIfNullOrEmpty(secret);
        ArgumentException.ThrowIfNullOrEmpty(customerId);
        if (secret.Length < 32)
        {
            throw new ArgumentException("The secret must be at least 32 characters long.", nameof(secret));
        }

        return Base64Url.EncodeToString(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(customerId)));
    }
}
