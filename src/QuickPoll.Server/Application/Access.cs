using QuickPoll.Contracts;
using QuickPoll.Server.Sites;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Staff register a site that embeds QuickPoll, with its allowed origins and a new public key.</summary>
internal sealed class RegisterSite(WriteQueue writes, SiteRegistry registry)
{
    public Task<RegisteredSite> RunAsync(SiteDefinition site, CancellationToken cancellationToken)
    {
        SiteRules.Check(site);
        return writes.WriteAsync(SaveSite.Create(registry, site), cancellationToken);
    }
}

/// <summary>Staff change a site's name and allowed origins; the next request sees the change. 404 for an unknown site.</summary>
internal sealed class UpdateSite(WriteQueue writes, SiteRegistry registry)
{
    public Task<RegisteredSite> RunAsync(string siteId, SiteDefinition site, CancellationToken cancellationToken)
    {
        SiteRules.Check(site);
        return writes.WriteAsync(new SaveSite(registry, siteId, site, newPublicKey: null), cancellationToken);
    }
}

/// <summary>Staff give a site a new public key; the old one stops working at once. 404 for an unknown site.</summary>
internal sealed class RotateSitePublicKey(WriteQueue writes, SiteRegistry registry)
{
    public Task<RegisteredSite> RunAsync(string siteId, CancellationToken cancellationToken) =>
        writes.WriteAsync(new SaveSite(registry, siteId, definition: null, AccessKeys.NewPublicKey()), cancellationToken);
}

/// <summary>Staff create an admin key; its secret is in the result only, the server keeps a hash.</summary>
internal sealed class CreateAdminKey(WriteQueue writes)
{
    public async Task<CreatedAdminKey> RunAsync(CreateAdminKeyRequest request, CancellationToken cancellationToken)
    {
        if (AccessLimits.ValidateName(request.Name) is { } nameError)
        {
            throw QuickPollRefusal.Invalid("name", nameError);
        }

        var secret = AccessKeys.NewAdminKey();
        var key = await writes.WriteAsync(new Sites.CreateAdminKey(Guid.NewGuid().ToString("N")[..12], request.Name, AccessKeys.Hash(secret)), cancellationToken);
        return new CreatedAdminKey(key.Id, key.Name, secret, key.CreatedAt);
    }
}

/// <summary>Staff revoke an admin key: it stops working and its dashboard sessions end at once.</summary>
internal sealed class RevokeAdminKey(WriteQueue writes)
{
    public Task<AdminKeyInfo> RunAsync(string keyId, CancellationToken cancellationToken) =>
        writes.WriteAsync(new Sites.RevokeAdminKey(keyId), cancellationToken);
}

/// <summary>The sites and the admin keys as staff list them (keys without their secrets).</summary>
internal sealed class ReadAccess(Database database)
{
    public IReadOnlyList<RegisteredSite> Sites() => database.Read(SiteStore.List);

    public IReadOnlyList<AdminKeyInfo> AdminKeys() => database.Read(SiteStore.AdminKeys);
}

/// <summary>The limits every site definition meets.</summary>
internal static class SiteRules
{
    public static void Check(SiteDefinition site)
    {
        if (AccessLimits.Validate(site) is { Count: > 0 } errors)
        {
            throw QuickPollRefusal.Invalid(errors);
        }
    }
}
