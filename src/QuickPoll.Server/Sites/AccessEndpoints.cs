using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Sites;

/// <summary>Who may do what: staff manage the sites that embed QuickPoll (public keys, allowed origins) and the admin keys.</summary>
internal static class AccessEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/sites", CreateSiteAsync)
            .WithName("CreateSite")
            .WithSummary("Register a site that embeds QuickPoll: its name, allowed origins, and a new public key")
            .ReadsJsonBody<SiteDefinition>()
            .Produces<RegisteredSite>(StatusCodes.Status201Created, "application/json");

        admin.MapGet("/sites", ListSites)
            .WithName("ListSites")
            .WithSummary("List every site with its public key and allowed origins")
            .Produces<IReadOnlyList<RegisteredSite>>(contentType: "application/json");

        admin.MapPut("/sites/{siteId}", UpdateSiteAsync)
            .WithName("UpdateSite")
            .WithSummary("Change a site's name and allowed origins; takes effect on the next request")
            .ReadsJsonBody<SiteDefinition>()
            .Produces<RegisteredSite>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/sites/{siteId}/public-key", RotatePublicKeyAsync)
            .WithName("RotateSitePublicKey")
            .WithSummary("Give a site a new public key; the old one stops working at once")
            .Produces<RegisteredSite>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/keys", CreateKeyAsync)
            .WithName("CreateAdminKey")
            .WithSummary("Create an admin key; its secret is in this response only")
            .ReadsJsonBody<CreateAdminKeyRequest>()
            .Produces<CreatedAdminKey>(StatusCodes.Status201Created, "application/json");

        admin.MapGet("/keys", ListKeys)
            .WithName("ListAdminKeys")
            .WithSummary("List the admin keys, without their secrets")
            .Produces<IReadOnlyList<AdminKeyInfo>>(contentType: "application/json");

        admin.MapDelete("/keys/{keyId}", RevokeKeyAsync)
            .WithName("RevokeAdminKey")
            .WithSummary("Revoke an admin key; it stops working and its dashboard sessions end at once")
            .Produces<AdminKeyInfo>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<IResult> CreateSiteAsync(HttpRequest request, WriteQueue writes, SiteRegistry registry, CancellationToken cancellationToken)
    {
        var (site, problem) = await ReadSiteAsync(request, cancellationToken);
        return site is null
            ? problem!
            : TypedResults.Json(await writes.WriteAsync(SaveSite.Create(registry, site), cancellationToken), QuickPollJsonContext.Default.RegisteredSite, statusCode: StatusCodes.Status201Created);
    }

    internal static IResult ListSites(Database database) =>
        TypedResults.Json<IReadOnlyList<RegisteredSite>>(database.Read(SiteStore.List), QuickPollJsonContext.Default.IReadOnlyListRegisteredSite);

    internal static async Task<IResult> UpdateSiteAsync(string siteId, HttpRequest request, WriteQueue writes, SiteRegistry registry, CancellationToken cancellationToken)
    {
        var (site, problem) = await ReadSiteAsync(request, cancellationToken);
        return site is null ? problem! : await SaveAsync(new SaveSite(registry, siteId, site, newPublicKey: null), writes, cancellationToken);
    }

    internal static Task<IResult> RotatePublicKeyAsync(string siteId, WriteQueue writes, SiteRegistry registry, CancellationToken cancellationToken) =>
        SaveAsync(new SaveSite(registry, siteId, definition: null, AccessKeys.NewPublicKey()), writes, cancellationToken);

    internal static async Task<IResult> CreateKeyAsync(HttpRequest request, WriteQueue writes, CancellationToken cancellationToken)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, QuickPollJsonContext.Default.CreateAdminKeyRequest, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        if (AccessLimits.ValidateName(body.Name) is { } nameError)
        {
            return Problems.Invalid("name", nameError);
        }

        var secret = AccessKeys.NewAdminKey();
        var key = await writes.WriteAsync(new CreateAdminKey(Guid.NewGuid().ToString("N")[..12], body.Name, AccessKeys.Hash(secret)), cancellationToken);
        return TypedResults.Json(
            new CreatedAdminKey(key.Id, key.Name, secret, key.CreatedAt), QuickPollJsonContext.Default.CreatedAdminKey, statusCode: StatusCodes.Status201Created);
    }

    internal static IResult ListKeys(Database database) =>
        TypedResults.Json<IReadOnlyList<AdminKeyInfo>>(database.Read(SiteStore.AdminKeys), QuickPollJsonContext.Default.IReadOnlyListAdminKeyInfo);

    internal static async Task<IResult> RevokeKeyAsync(string keyId, WriteQueue writes, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Json(await writes.WriteAsync(new RevokeAdminKey(keyId), cancellationToken), QuickPollJsonContext.Default.AdminKeyInfo);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Rejected(rejection);
        }
    }

    private static async Task<IResult> SaveAsync(SaveSite write, WriteQueue writes, CancellationToken cancellationToken)
    {
        try
        {
            return TypedResults.Json(await writes.WriteAsync(write, cancellationToken), QuickPollJsonContext.Default.RegisteredSite);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Rejected(rejection);
        }
    }

    private static async Task<(SiteDefinition? Site, IResult? Problem)> ReadSiteAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (site, problem) = await JsonBody.ReadAsync(request, QuickPollJsonContext.Default.SiteDefinition, cancellationToken);
        if (site is null)
        {
            return (null, problem);
        }

        var errors = AccessLimits.Validate(site);
        return errors.Count > 0 ? (null, Problems.Invalid(errors.ToDictionary())) : (site, null);
    }
}
