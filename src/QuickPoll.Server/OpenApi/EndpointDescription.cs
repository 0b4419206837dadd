using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace QuickPoll.Server.OpenApi;

/// <summary>
/// Describes, as endpoint metadata, what a handler reads by itself and the framework therefore cannot see:
/// the JSON body (read by <c>JsonBody.ReadAsync</c>, not bound), the <c>Idempotency-Key</c> header and the admin key.
/// <see cref="QuickPollOpenApiTransformer"/> turns the metadata into the OpenAPI description.
/// </summary>
internal static class EndpointDescription
{
    /// <summary>Names an operation for OpenAPI: its operation id, a one-line summary, and a description where the summary needs one.</summary>
    public static RouteHandlerBuilder Operation(this RouteHandlerBuilder endpoint, string id, string summary, string? description = null)
    {
        endpoint.WithName(id).WithSummary(summary);
        return description is null ? endpoint : endpoint.WithDescription(description);
    }

    /// <summary>
    /// Documents a JSON request body of <typeparamref name="T"/> and the problems reading it can give (400, 413, 415).
    /// Not <c>Accepts&lt;T&gt;()</c>: its content-type matcher would answer 415 with an empty body before the handler runs.
    /// </summary>
    public static RouteHandlerBuilder ReadsJsonBody<T>(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(new JsonRequestBody(typeof(T)))
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

    /// <summary>Documents the optional <c>Idempotency-Key</c> header of a submission.</summary>
    public static RouteHandlerBuilder TakesIdempotencyKey(this RouteHandlerBuilder endpoint) =>
        endpoint.WithMetadata(IdempotencyKeyHeader.Instance);

    /// <summary>Marks the endpoints of a group as QuickPoll's, the only ones <see cref="QuickPollOpenApiTransformer"/> changes.</summary>
    public static RouteGroupBuilder DescribedByQuickPoll(this RouteGroupBuilder group) =>
        group.WithMetadata(QuickPollEndpoint.Instance);

    /// <summary>Documents the optional <c>X-QuickPoll-Site</c> header of every endpoint of the group, and its 401 and 403 problems.</summary>
    public static RouteGroupBuilder TakesSiteKey(this RouteGroupBuilder group) =>
        group.WithMetadata(SiteKeyHeader.Instance).ProducesProblem(StatusCodes.Status401Unauthorized).ProducesProblem(StatusCodes.Status403Forbidden);

    /// <summary>Documents that every endpoint of the group needs the admin key, and its 401 problem.</summary>
    public static RouteGroupBuilder RequiresAdminKey(this RouteGroupBuilder group) =>
        group.WithMetadata(AdminKey.Instance).ProducesProblem(StatusCodes.Status401Unauthorized);
}

/// <summary>Marks an endpoint mapped by <c>MapQuickPoll()</c> or <c>MapQuickPollAdmin()</c>.</summary>
internal sealed class QuickPollEndpoint
{
    public static readonly QuickPollEndpoint Instance = new();
}

/// <summary>The type of the JSON body a handler reads itself.</summary>
internal sealed record JsonRequestBody(Type Type);

/// <summary>Marks a submission that takes an optional <c>Idempotency-Key</c> header.</summary>
internal sealed class IdempotencyKeyHeader
{
    public static readonly IdempotencyKeyHeader Instance = new();
}

/// <summary>Marks an endpoint that needs the admin key as a bearer token.</summary>
internal sealed class AdminKey
{
    public static readonly AdminKey Instance = new();
}

/// <summary>Marks a public endpoint that takes a site's public key in <c>X-QuickPoll-Site</c>.</summary>
internal sealed class SiteKeyHeader
{
    public static readonly SiteKeyHeader Instance = new();
}
