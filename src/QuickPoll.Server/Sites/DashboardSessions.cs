using System.Globalization;
using System.Security.Cryptography;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Sites;

/// <summary>One dashboard sign-in as stored: which admin key opened it, the proof tied to that key, and when it ends.</summary>
internal sealed record DashboardSession(string AdminKeyId, byte[] KeyProof, DateTimeOffset ExpiresAt, byte[]? CurrentKeyHash);

/// <summary>
/// Reads dashboard sessions. Only the SHA-256 hash of a session id is stored, so the table alone cannot be replayed;
/// the proof is an HMAC of the admin key's hash under the session id, so it holds nothing that leads back to a key.
/// </summary>
internal static class DashboardSessionRows
{
    /// <summary>The session with this id hash, with the hash its admin key has now (<see langword="null"/> once revoked).</summary>
    public static DashboardSession? Find(QueryRunner query, string idHash)
    {
        using var reader = query(
            "SELECT s.admin_key_id, s.key_proof, s.expires_at, k.key_hash FROM dashboard_sessions s LEFT JOIN admin_keys k ON k.id = s.admin_key_id WHERE s.id_hash = @hash;",
            ("@hash", idHash));
        return reader.Read()
            ? new DashboardSession(
                reader.GetString(0), Convert.FromHexString(reader.GetString(1)), SiteStore.ParseTime(reader.GetString(2)),
                reader.IsDBNull(3) ? null : Convert.FromHexString(reader.GetString(3)))
            : null;
    }

    public static string HashId(byte[] sessionId) => Convert.ToHexStringLower(SHA256.HashData(sessionId));

    /// <summary>Ties a session to the admin key it was opened with: a changed or revoked key no longer gives the same proof.</summary>
    public static byte[] Proof(byte[] sessionId, byte[] keyHash) => HMACSHA256.HashData(sessionId, keyHash);

    public static string Time(DateTimeOffset time) => WriteBatch.Stamp(time);
}

/// <summary>Stores a new dashboard session and sweeps the expired ones, so the table holds only live sign-ins.</summary>
internal sealed class StartDashboardSession(string idHash, string adminKeyId, byte[] keyProof, TimeSpan lifetime) : WriteOperation<bool>
{
    public override void Execute(WriteBatch batch)
    {
        var now = SiteStore.ParseTime(batch.Now);
        batch.Execute("DELETE FROM dashboard_sessions WHERE expires_at <= @now;", ("@now", batch.Now));
        batch.Execute(
            "INSERT INTO dashboard_sessions (id_hash, admin_key_id, key_proof, created_at, expires_at) VALUES (@hash, @key, @proof, @at, @expires);",
            ("@hash", idHash), ("@key", adminKeyId), ("@proof", Convert.ToHexStringLower(keyProof)), ("@at", batch.Now),
            ("@expires", DashboardSessionRows.Time(now + lifetime)));
    }

    protected override bool GetResult() => true;
}

/// <summary>Ends one dashboard session (log out), or every one (log out everywhere); answers how many ended.</summary>
internal sealed class EndDashboardSessions(string? idHash) : WriteOperation<int>
{
    private int _ended;

    public override void Execute(WriteBatch batch) =>
        _ended = idHash is null
            ? batch.Execute("DELETE FROM dashboard_sessions;")
            : batch.Execute("DELETE FROM dashboard_sessions WHERE id_hash = @hash;", ("@hash", idHash));

    public override void Reset() => _ended = 0;

    protected override int GetResult() => _ended;
}
