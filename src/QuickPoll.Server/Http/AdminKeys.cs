using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Sites;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>
/// Decides whether a presented secret is a valid admin key: the one place the admin API and the dashboard ask.
/// Valid keys are the configured <see cref="QuickPollServerOptions.AdminKey"/> and every key created through the admin
/// API and not revoked; the latter are read from storage on each check, so a revoked key stops working at once on every instance.
/// </summary>
internal sealed class AdminKeys(IOptions<QuickPollServerOptions> options, Database database)
{
    /// <summary>Whether <paramref name="presented"/> opens the admin API, compared in constant time.</summary>
    public bool Accepts(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return false;
        }

        // Comparing hashes makes each comparison constant-time whatever the lengths; every candidate is compared, never stopping at a match.
        var given = AccessKeys.Hash(presented);
        var accepted = false;
        if (options.Value.AdminKey is { Length: > 0 } configured)
        {
            accepted |= CryptographicOperations.FixedTimeEquals(given, AccessKeys.Hash(configured));
        }

        if (presented.StartsWith(AccessKeys.AdminKeyPrefix, StringComparison.Ordinal))
        {
            foreach (var stored in database.Read(SiteStore.AdminKeyHashes))
            {
                accepted |= CryptographicOperations.FixedTimeEquals(given, stored);
            }
        }

        return accepted;
    }
}
