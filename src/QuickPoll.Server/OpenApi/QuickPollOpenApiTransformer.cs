using System.Reflection;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.OpenApi;

/// <summary>
/// Completes the OpenAPI description of the QuickPoll endpoints with what the generator cannot infer: the JSON
/// bodies bound by <c>JsonRequest&lt;T&gt;</c>, the <c>Idempotency-Key</c> header, the query values read as text so a
/// wrong one gets a problem naming it, the site key's and the admin key's security schemes, and
/// enums as their wire names (the generator follows the host's JSON options, which need not write enums as strings;
/// QuickPoll always does).
/// </summary>
internal sealed class QuickPollOpenApiTransformer : IOpenApiDocumentTransformer, IOpenApiOperationTransformer, IOpenApiSchemaTransformer
{
    // The groups' tags (MapQuickPoll, MapQuickPollAdmin), described for the reader of the document.
    private static readonly Dictionary<string, string> s_tags = new(StringComparer.Ordinal)
    {
        ["QuickPoll"] = "The collection API a shop's pages call: answers and summaries, polls and votes, comments.",
        ["QuickPoll admin"] = "The staff's API: poll management, moderation, results, insights, export, import, erasure, sites and admin keys. Every call needs the admin key.",
    };

    /// <summary>The name of the admin key's security scheme in the document's components.</summary>
    public const string AdminKeyScheme = "quickPollAdminKey";

    /// <summary>The name of the site key's security scheme in the document's components.</summary>
    public const string SiteKeyScheme = "quickPollSiteKey";

    // Query parameters the handlers read as strings (to answer a wrong value with a problem naming it): an enum's wire name, a number or a date.
    private static readonly Dictionary<string, Type> s_typedQueryParameters = new(StringComparer.Ordinal)
    {
        ["kind"] = typeof(FeedbackKind),
        ["journeyStage"] = typeof(JourneyStage),
        ["status"] = typeof(CommentStatus),
        ["page"] = typeof(int),
        ["pageSize"] = typeof(int),
        ["rating"] = typeof(int),
        ["from"] = typeof(DateTimeOffset),
        ["to"] = typeof(DateTimeOffset),
    };

    private QuickPollOpenApiTransformer()
    {
    }

    /// <summary>Adds the transformer to one OpenAPI document's options.</summary>
    public static void AddTo(OpenApiOptions options)
    {
        var transformer = new QuickPollOpenApiTransformer();
        options.AddDocumentTransformer(transformer);
        options.AddOperationTransformer(transformer);
        options.AddSchemaTransformer(transformer);
    }

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        foreach (var tag in document.Tags ?? new HashSet<OpenApiTag>())
        {
            if (tag is OpenApiTag { Description: null } described && described.Name is { } name && s_tags.TryGetValue(name, out var description))
            {
                described.Description = description;
            }
        }

        return Task.CompletedTask;
    }

    public async Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        var metadata = context.Description.ActionDescriptor.EndpointMetadata;
        if (!metadata.OfType<QuickPollEndpoint>().Any() || context.Document is not { } document)
        {
            return;
        }

        if (metadata.OfType<JsonRequestBody>().LastOrDefault() is { } body)
        {
            operation.RequestBody = new OpenApiRequestBody
            {
                Required = true,
                Content = new Dictionary<string, OpenApiMediaType>
                {
                    ["application/json"] = new() { Schema = await ComponentAsync(body.Type, document, context, cancellationToken) },
                },
            };
        }

        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            if (parameter.In == ParameterLocation.Query && s_typedQueryParameters.TryGetValue(parameter.Name!, out var type))
            {
                parameter.Schema = await context.GetOrCreateSchemaAsync(type, null, cancellationToken);
            }
        }

        // Each step checks what is there, so AddQuickPollServer() called twice still describes everything once.
        if (metadata.OfType<IdempotencyKeyHeader>().Any() && operation.Parameters?.Any(p => p.In == ParameterLocation.Header && p.Name == IdempotencyKey.HeaderName) != true)
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = IdempotencyKey.HeaderName,
                In = ParameterLocation.Header,
                Required = false,
                Description = "Any key unique to this submission: a repeat with the same key returns the first result and stores nothing, so retries are safe.",
                Schema = new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyKey.MaxLength },
            });
        }

        if (metadata.OfType<SiteKeyHeader>().Any())
        {
            // Optional: a single shop's own pages send no key unless RequireSiteKey is on, hence the empty requirement beside it.
            Require(operation, document, SiteKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.ApiKey,
                In = ParameterLocation.Header,
                Name = SiteAccess.HeaderName,
                Description = "A site's public key. Required when the server sets RequireSiteKey; an unknown key gets 401, a write from an origin the site does not allow 403.",
            }, optional: true);
        }

        if (metadata.OfType<AdminKey>().Any())
        {
            Require(operation, document, AdminKeyScheme, new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                Description = "The admin key (QuickPoll:Server:AdminKey) as 'Authorization: Bearer <key>', unless the host put its own authorization policy on the admin API.",
            }, optional: false);
        }
    }

    // Each step checks what is there, so AddQuickPollServer() called twice still describes everything once.
    private static void Require(OpenApiOperation operation, OpenApiDocument document, string name, OpenApiSecurityScheme scheme, bool optional)
    {
        document.AddComponent(name, scheme);
        operation.Security ??= [];
        if (!operation.Security.Any(requirement => requirement.Keys.Any(key => key.Reference.Id == name)))
        {
            operation.Security.Add(new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(name, document)] = [] });
            if (optional)
            {
                operation.Security.Add(new OpenApiSecurityRequirement());
            }
        }
    }

    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        if (underlying.IsEnum && underlying.Assembly == typeof(FeedbackKind).Assembly)
        {
            var nullable = underlying != type;
            schema.Type = nullable ? JsonSchemaType.String | JsonSchemaType.Null : JsonSchemaType.String;
            schema.Format = null;
            schema.Enum = [.. WireNames(underlying).Select(name => (JsonNode)JsonValue.Create(name))];
            if (nullable)
            {
                schema.Enum.Add(null!); // written as JSON null: an enum list must name every valid value
            }
        }

        return Task.CompletedTask;
    }

    /// <summary>The names the contracts' JSON context reads and writes (<see cref="JsonStringEnumMemberNameAttribute"/>).</summary>
    private static IEnumerable<string> WireNames(Type enumType) =>
        enumType.GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name ?? field.Name);

    // A body type gets a named component like the response types, so clients generate one type for it.
    private static async Task<IOpenApiSchema> ComponentAsync(Type type, OpenApiDocument document, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        if (document.Components?.Schemas?.ContainsKey(type.Name) != true)
        {
            document.AddComponent(type.Name, await context.GetOrCreateSchemaAsync(type, null, cancellationToken));
        }

        return new OpenApiSchemaReference(type.Name, document);
    }
}
