using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Http;

/// <summary>
/// A response body of a contract type, written with <see cref="QuickPollJsonContext"/> (enums by their wire names),
/// never with the host's JSON options, which need not write them so; it describes itself for OpenAPI like <c>Ok&lt;T&gt;</c>.
/// </summary>
/// <typeparam name="T">The contract type, in <see cref="QuickPollJsonContext"/>.</typeparam>
internal abstract class ContractJson<T>(T value, int statusCode) : IResult, IStatusCodeHttpResult, IValueHttpResult, IValueHttpResult<T>, IContentTypeHttpResult
{
    private static readonly JsonTypeInfo<T> s_type = (JsonTypeInfo<T>)QuickPollJsonContext.Default.GetTypeInfo(typeof(T))!;

    // An export's rows are written as they are read, however many there are.
    private static readonly bool s_streamed = typeof(T).IsGenericType && typeof(T).GetGenericTypeDefinition() == typeof(IAsyncEnumerable<>);

    public T Value { get; } = value;

    public int StatusCode { get; } = statusCode;

    int? IStatusCodeHttpResult.StatusCode => StatusCode;

    object? IValueHttpResult.Value => Value;

    public string ContentType => "application/json; charset=utf-8";

    public Task ExecuteAsync(HttpContext httpContext)
    {
        if (s_streamed)
        {
            httpContext.Response.StatusCode = StatusCode;
            return httpContext.Response.WriteAsJsonAsync(Value, s_type, ContentType, httpContext.RequestAborted);
        }

        // Other contract bodies are small: written whole with their length, in one write, rather than streamed in chunks.
        var body = JsonSerializer.SerializeToUtf8Bytes(Value, s_type);
        var response = httpContext.Response;
        response.StatusCode = StatusCode;
        response.ContentType = ContentType;
        response.ContentLength = body.Length;
        return response.Body.WriteAsync(body, 0, body.Length, httpContext.RequestAborted);
    }

    protected static void Describe(EndpointBuilder builder, int statusCode) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(statusCode, typeof(T), ["application/json"]));
}

/// <summary>200 OK with a contract body.</summary>
internal sealed class JsonOk<T>(T value) : ContractJson<T>(value, StatusCodes.Status200OK), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status200OK);
}

/// <summary>201 Created with a contract body (and no <c>Location</c>: the body carries the new id).</summary>
internal sealed class JsonCreated<T>(T value) : ContractJson<T>(value, StatusCodes.Status201Created), IEndpointMetadataProvider
{
    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) => Describe(builder, StatusCodes.Status201Created);
}

/// <summary>Builds the contract results, as <c>TypedResults</c> builds the framework's.</summary>
internal static class ContractResults
{
    public static JsonOk<T> Ok<T>(T value) => new(value);

    public static JsonCreated<T> Created<T>(T value) => new(value);
}
