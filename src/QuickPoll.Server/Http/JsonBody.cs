using System.Buffers;
using System.IO.Pipelines;
using System.Text.Json;
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
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, JsonTypeInfo<T> type, CancellationToken cancellationToken)
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (null, Problems.UnsupportedMediaType());
        }

        if (request.ContentLength > FeedbackLimits.MaxRequestBodyBytes)
        {
            return (null, Problems.TooLarge(FeedbackLimits.MaxRequestBodyBytes));
        }

        var body = await ReadAllAsync(request.BodyReader, FeedbackLimits.MaxRequestBodyBytes, cancellationToken);
        if (body is null)
        {
            return (null, Problems.TooLarge(FeedbackLimits.MaxRequestBodyBytes));
        }

        try
        {
            return JsonSerializer.Deserialize(body, type) is { } value
                ? (value, null)
                : (null, Problems.Invalid("body", "The request body must be a JSON object."));
        }
        catch (JsonException exception)
        {
            return (null, Problems.UnreadableJson(exception));
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
