using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Sites;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>An admin key a secret was found to be: its id (<see cref="AdminKeys.ConfiguredKeyId"/> for the configured one) and its SHA-256 hash.</summary>
internal sealed record AdminKeyMatch(string Id, byte[] Hash);

/// <summary>
/// Decides whether a presented secret is a valid admin key: the one place the admin API and the dashboard ask.
/// Valid keys are the configured <see cref="QuickPollServerOptions.AdminKey"/> (read as configuration is now, so a changed
/// key applies on reload) and every key created through the admin API and not revoked; the latter are read from storage
/// on each check, so a revoked key stops working at once on every instance.
/// </summary>
internal sealed class AdminKeys(IOptionsMonitor<QuickPollServerOptions> options, Database database)
{
    /// <summary>The id the configured key goes by, in dashboard sessions; ids made by the admin API are 12 hex digits.</summary>
    public const string ConfiguredKeyId = "config";

    /// <summary>Whether <paramref name="presented"/> opens the admin API, compared in constant time.</summary>
    public bool Accepts(string? presented) => Identify(presented) is not null;

    /// <summary>The admin key <paramref name="presented"/> is, or <see langword="null"/>; compared in constant time.</summary>
    public AdminKeyMatch? Identify(string? presented)
    {
        if (string.IsNullOrEmpty(presented))
        {
            return null;
        }

        // Comparing hashes makes each comparison constant-time whatever the lengths; every candidate is compared, never stopping at a match.
        var given = AccessKeys.Hash(presented);
        AdminKeyMatch? match = null;
        if (ConfiguredHash() is { } configured && CryptographicOperations.FixedTimeEquals(given, configured))
        {
            match = new AdminKeyMatch(ConfiguredKeyId, configured);
        }

        if (presented.StartsWith(AccessKeys.AdminKeyPrefix, StringComparison.Ordinal))
        {
            foreach (var (id, stored) in database.Read(SiteStore.AdminKeyHashes))
            {
                if (CryptographicOperations.FixedTimeEquals(given, stored))
                {
                    match = new AdminKeyMatch(id, stored);
                }
            }
        }

        return match;
    }

    /// <summary>The SHA-256 hash of the configured key as configuration holds it now, or <see langword="null"/> when there is none.</summary>
    public byte[]? ConfiguredHash()
    {
        try
        {
            return options.CurrentValue.AdminKey is { Length: > 0 } configured ? AccessKeys.Hash(configured) : null;
        }
        catch (OptionsValidationException)
        {
            return null; // a reloaded configuration that is not valid opens nothing
        }
    }
}
