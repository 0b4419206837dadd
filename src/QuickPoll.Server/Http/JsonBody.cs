using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Http;

/// <summary>
/// Reads a JSON request body with the contracts' source-generated metadata, turning every way it can be wrong
/// (not JSON content, too large, unreadable, a field of the wrong type, null) into a problem response.
/// </summary>
internal static class JsonBody
{
    // Stricter than the contracts' shared options, for what arrives from outside: a misspelt or repeated field and a
    // missing required one are refused, not dropped or defaulted (a misspelt "kind" would be stored as stars, a
    // missing NPS score as 0, a moderation decision without a status as "published").
    private static readonly JsonSerializerOptions s_strict = new(QuickPollJsonContext.Default.Options)
    {
        AllowDuplicateProperties = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        RespectRequiredConstructorParameters = true,
    };

    public static Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class => ReadAsync(request, type, FeedbackLimits.MaxRequestBodyBytes, cancellationToken);

    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, int limit, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > limit)
        {
            return (null, Problems.TooLarge(limit));
        }

        var body = await ReadAllAsync(request.BodyReader, limit, cancellationToken);
        if (body is null)
        {
            return (null, Problems.TooLarge(limit));
        }

        var strict = (JsonTypeInfo<T>)s_strict.GetTypeInfo(type.Type);
        try
        {
            return JsonSerializer.Deserialize(body, strict) is { } value
                ? (value, null)
                : (null, Problems.Invalid("body", "The request body must be a JSON object."));
        }
        catch (JsonException exception)
        {
            return (null, exception.Path == "$" && MissingFields(body, strict) is { Count: > 0 } missing
                ? Problems.Invalid(missing.ToDictionary(field => field, field => new[] { $"The field '{field}' is required." }))
                : Problems.UnreadableJson(exception));
        }
    }

    /// <summary>The required fields (constructor parameters without a default) a JSON object leaves out.</summary>
    private static List<string> MissingFields(byte[] body, JsonTypeInfo type)
    {
        try
        {
            using var document = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = s_strict.MaxDepth });
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return [];
            }

            var given = document.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet(StringComparer.OrdinalIgnoreCase);
            return [.. type.Properties.Where(p => p.AssociatedParameter is { HasDefaultValue: false } && !given.Contains(p.Name)).Select(p => p.Name)];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    /// <summary>Reads the whole body, or returns null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadAllAsync(PipeReader reader, int limit, CancellationToken cancellationToken)
    {
        while (true)
        {
            var result = await reader.ReadAsync(cancellationToken);
            var buffer = result.Buffer;
            if (buffer.Length > limit)
            {
                reader.AdvanceTo(buffer.Start, buffer.End);
                return null;
            }

            if (result.IsCompleted)
            {
                var body = buffer.ToArray();
                reader.AdvanceTo(buffer.End);
                return body;
            }

            reader.AdvanceTo(buffer.Start, buffer.End);
        }
    }
}
