using System.Security.Cryptography;
using QuickPoll.Server.Http;
using QuickPoll.Server.Sites;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>
/// The staff dashboard's sessions: opened with an admin key, stored (as the hash of their random id) through the single
/// writer, looked up on every request, and ended by logout, logout everywhere, a revoked key or a changed configured key.
/// </summary>
internal sealed class DashboardSessionStore(Database database, WriteQueue writes, AdminKeys adminKeys, TimeProvider time)
{
    public const int SessionIdBytes = 32;
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    /// <summary>Whether any admin key could open a session: the configured one, or one made through the admin API.</summary>
    public bool AnyAdminKey() => adminKeys.ConfiguredHash() is not null || database.Read(SiteStore.AdminKeyHashes).Count > 0;

    /// <summary>Opens a session for the admin key <paramref name="presentedKey"/>: its new random id, or <see langword="null"/> for a wrong key.</summary>
    public async Task<byte[]?> OpenAsync(string? presentedKey, CancellationToken cancellationToken)
    {
        if (adminKeys.Identify(presentedKey) is not { } key)
        {
            return null;
        }

        var id = RandomNumberGenerator.GetBytes(SessionIdBytes);
        await writes.WriteAsync(
            new StartDashboardSession(DashboardSessionRows.HashId(id), key.Id, DashboardSessionRows.Proof(id, key.Hash), Lifetime), cancellationToken);
        return id;
    }

    /// <summary>Whether the session with this id is open now, for the key it was opened with as that key is now.</summary>
    public bool IsOpen(byte[] sessionId)
    {
        var session = database.Read(query => DashboardSessionRows.Find(query, DashboardSessionRows.HashId(sessionId)));
        if (session is null || session.ExpiresAt <= time.GetUtcNow())
        {
            return false;
        }

        // The key as it is now: the configured key's hash from configuration, another key's from storage (none once revoked).
        var keyHash = session.AdminKeyId == AdminKeys.ConfiguredKeyId ? adminKeys.ConfiguredHash() : session.CurrentKeyHash;
        return keyHash is not null && CryptographicOperations.FixedTimeEquals(DashboardSessionRows.Proof(sessionId, keyHash), session.KeyProof);
    }

    /// <summary>Ends the session with this id, or with <paramref name="sessionId"/> <see langword="null"/> every session of every key.</summary>
    public Task<int> EndAsync(byte[]? sessionId, CancellationToken cancellationToken) =>
        writes.WriteAsync(new EndDashboardSessions(sessionId is null ? null : DashboardSessionRows.HashId(sessionId)), cancellationToken);
}
