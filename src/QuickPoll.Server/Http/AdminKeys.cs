using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace QuickPoll.Server.Http;

/// <summary>Decides whether a presented secret is a valid admin key: the one place the admin API and the dashboard ask.</summary>
internal sealed class AdminKeys(IOptions<QuickPollServerOptions> options)
{
    /// <summary>Whether <paramref name="presented"/> opens the admin API, compared in constant time.</summary>
    public bool Accepts(string? presented)
    {
        var expected = options.Value.AdminKey;
        if (string.IsNullOrEmpty(expected) || string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Hashing first makes the comparison constant-time whatever the lengths.
        var given = SHA256.HashData(Encoding.UTF8.GetBytes(presented));
        return CryptographicOperations.FixedTimeEquals(given, SHA256.HashData(Encoding.UTF8.GetBytes(expected)));
    }
}
