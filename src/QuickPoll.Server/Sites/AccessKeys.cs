using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace QuickPoll.Server.Sites;

/// <summary>Makes the random keys: a site's public key and the admin keys' secrets.</summary>
internal static class AccessKeys
{
    /// <summary>The prefix of every admin key QuickPoll makes, so a leaked one is easy to recognise (and to scan for).</summary>
    public const string AdminKeyPrefix = "qp_sk_";

    public const string PublicKeyPrefix = "qp_pk_";

    public static string NewPublicKey() => PublicKeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(24));

    public static string NewAdminKey() => AdminKeyPrefix + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    /// <summary>A fast hash is enough: the keys are 256 random bits, beyond the reach of guessing, unlike passwords.</summary>
    public static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
