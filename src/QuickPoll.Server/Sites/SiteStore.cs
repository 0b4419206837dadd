using System.Globalization;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Sites;

/// <summary>Reads sites and admin keys; used by the registry and the endpoints (pooled connections) and inside writes (the batch).</summary>
internal static class SiteStore
{
    public static List<RegisteredSite> List(QueryRunner query)
    {
        var sites = new List<RegisteredSite>();
        using var reader = query("SELECT id, name, public_key, allowed_origins, created_at FROM sites ORDER BY created_at, id;");
        while (reader.Read())
        {
            var origins = reader.GetString(3);
            sites.Add(new RegisteredSite(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                origins.Length == 0 ? [] : origins.Split('\n'), ParseTime(reader.GetString(4))));
        }

        return sites;
    }

    public static List<AdminKeyInfo> AdminKeys(QueryRunner query)
    {
        var keys = new List<AdminKeyInfo>();
        using var reader = query("SELECT id, name, created_at FROM admin_keys ORDER BY created_at, id;");
        while (reader.Read())
        {
            keys.Add(new AdminKeyInfo(reader.GetString(0), reader.GetString(1), ParseTime(reader.GetString(2))));
        }

        return keys;
    }

    /// <summary>The id and SHA-256 hash of every admin key that has not been revoked.</summary>
    public static List<(string Id, byte[] Hash)> AdminKeyHashes(QueryRunner query)
    {
        var hashes = new List<(string, byte[])>();
        using var reader = query("SELECT id, key_hash FROM admin_keys;");
        while (reader.Read())
        {
            hashes.Add((reader.GetString(0), Convert.FromHexString(reader.GetString(1))));
        }

        return hashes;
    }

    public static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}

/// <summary>
/// Creates a site, changes its name and origins, or gives it a new public key; then hands every site to the
/// registry once the change is committed, so the next request already sees it.
/// </summary>
internal sealed class SaveSite(SiteRegistry registry, string id, SiteDefinition? definition, string? newPublicKey) : WriteOperation<RegisteredSite>
{
    private RegisteredSite? _saved;

    /// <summary>A new site with its first public key.</summary>
    public static SaveSite Create(SiteRegistry registry, SiteDefinition definition) =>
        new(registry, Guid.NewGuid().ToString("N")[..12], definition, AccessKeys.NewPublicKey());

    public override void Execute(WriteBatch batch)
    {
        var origins = definition is null ? null : string.Join('\n', definition.AllowedOrigins.Select(AccessLimits.NormalizeOrigin).Distinct());
        if (definition is not null && newPublicKey is not null)
        {
            batch.Execute(
                "INSERT INTO sites (id, name, public_key, allowed_origins, created_at) VALUES (@id, @name, @key, @origins, @at);",
                ("@id", id), ("@name", definition.Name.Trim()), ("@key", newPublicKey), ("@origins", origins), ("@at", batch.Now));
        }
        else
        {
            var changed = definition is not null
                ? batch.Execute("UPDATE sites SET name = @name, allowed_origins = @origins, updated_at = @at WHERE id = @id;",
                    ("@id", id), ("@name", definition.Name.Trim()), ("@origins", origins), ("@at", batch.Now))
                : batch.Execute("UPDATE sites SET public_key = @key, updated_at = @at WHERE id = @id;", ("@id", id), ("@key", newPublicKey), ("@at", batch.Now));
            if (changed == 0)
            {
                throw new WriteRejectedException(StatusCodes.Status404NotFound, "siteId", $"There is no site '{id}'.");
            }
        }

        var sites = SiteStore.List(batch.Query);
        _saved = sites.Single(s => s.Id == id);
        batch.AfterCommit(() => registry.Replace(sites));
    }

    public override void Reset() => _saved = null;

    protected override RegisteredSite GetResult() => _saved!;
}

/// <summary>Stores a new admin key's hash; the secret itself is never written.</summary>
internal sealed class CreateAdminKey(string id, string name, byte[] keyHash) : WriteOperation<AdminKeyInfo>
{
    private AdminKeyInfo? _created;

    public override void Execute(WriteBatch batch)
    {
        batch.Execute(
            "INSERT INTO admin_keys (id, name, key_hash, created_at) VALUES (@id, @name, @hash, @at);",
            ("@id", id), ("@name", name.Trim()), ("@hash", Convert.ToHexStringLower(keyHash)), ("@at", batch.Now));
        _created = new AdminKeyInfo(id, name.Trim(), SiteStore.ParseTime(batch.Now));
    }

    public override void Reset() => _created = null;

    protected override AdminKeyInfo GetResult() => _created!;
}

/// <summary>Deletes an admin key and its dashboard sessions: the next request that carries either is refused.</summary>
internal sealed class RevokeAdminKey(string id) : WriteOperation<AdminKeyInfo>
{
    private AdminKeyInfo? _revoked;

    public override void Execute(WriteBatch batch)
    {
        if (id == Http.AdminKeys.ConfiguredKeyId)
        {
            throw new WriteRejectedException(StatusCodes.Status409Conflict, "keyId",
                "The configured admin key (QuickPoll:Server:AdminKey) is changed in configuration, not revoked here; its dashboard sign-ins end when it changes.");
        }

        _revoked = SiteStore.AdminKeys(batch.Query).SingleOrDefault(k => k.Id == id)
            ?? throw new WriteRejectedException(StatusCodes.Status404NotFound, "keyId", $"There is no admin key '{id}'.");
        batch.Execute("DELETE FROM admin_keys WHERE id = @id;", ("@id", id));
        // Its dashboard sign-ins end with it; each request checks the key too, so none outlives this commit.
        batch.Execute("DELETE FROM dashboard_sessions WHERE admin_key_id = @id;", ("@id", id));
    }

    public override void Reset() => _revoked = null;

    protected override AdminKeyInfo GetResult() => _revoked!;
}
