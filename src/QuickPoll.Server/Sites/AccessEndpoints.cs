using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Sites;

/// <summary>Who may do what: staff manage the sites that embed QuickPoll (public keys, allowed origins) and the admin keys.</summary>
internal static class AccessEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/sites", CreateSiteAsync)
            .WithName("CreateSite")
            .WithSummary("Register a site that embeds QuickPoll: its name, allowed origins, and a new public key");

        admin.MapGet("/sites", ListSites)
            .WithName("ListSites")
            .WithSummary("List every site with its public key and allowed origins");

        admin.MapPut("/sites/{siteId}", UpdateSiteAsync)
            .WithName("UpdateSite")
            .WithSummary("Change a site's name and allowed origins; takes effect on the next request")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/sites/{siteId}/public-key", RotatePublicKeyAsync)
            .WithName("RotateSitePublicKey")
            .WithSummary("Give a site a new public key; the old one stops working at once")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapPost("/keys", CreateKeyAsync)
            .WithName("CreateAdminKey")
            .WithSummary("Create an admin key; its secret is in this response only");

        admin.MapGet("/keys", ListKeys)
            .WithName("ListAdminKeys")
            .WithSummary("List the admin keys, without their secrets");

        admin.MapDelete("/keys/{keyId}", RevokeKeyAsync)
            .WithName("RevokeAdminKey")
            .WithSummary("Revoke an admin key; it stops working and its dashboard sessions end at once")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
    }

    internal static async Task<JsonCreated<RegisteredSite>> CreateSiteAsync(JsonRequest<SiteDefinition> body, RegisterSite useCase, CancellationToken cancellationToken) =>
        ContractResults.Created(await useCase.RunAsync(body.Value, cancellationToken));

    internal static JsonOk<IReadOnlyList<RegisteredSite>> ListSites(ReadAccess useCase) => ContractResults.Ok(useCase.Sites());

    internal static async Task<JsonOk<RegisteredSite>> UpdateSiteAsync(
        string siteId, JsonRequest<SiteDefinition> body, UpdateSite useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(siteId, body.Value, cancellationToken));

    internal static async Task<JsonOk<RegisteredSite>> RotatePublicKeyAsync(string siteId, RotateSitePublicKey useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(siteId, cancellationToken));

    internal static async Task<JsonCreated<CreatedAdminKey>> CreateKeyAsync(
        JsonRequest<CreateAdminKeyRequest> body, Application.CreateAdminKey useCase, CancellationToken cancellationToken) =>
        ContractResults.Created(await useCase.RunAsync(body.Value, cancellationToken));

    internal static JsonOk<IReadOnlyList<AdminKeyInfo>> ListKeys(ReadAccess useCase) => ContractResults.Ok(useCase.AdminKeys());

    internal static async Task<JsonOk<AdminKeyInfo>> RevokeKeyAsync(string keyId, Application.RevokeAdminKey useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(keyId, cancellationToken));
}
