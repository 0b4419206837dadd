using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using QuickPoll.Contracts;
using QuickPoll.Server.OpenApi;

namespace QuickPoll.Server.Http;

/// <summary>A bound argument that may carry the problem of a request that could not be read.</summary>
internal interface IBoundRequest
{
    /// <summary>Why the request could not be read, or null when it was.</summary>
    IResult? Problem { get; }
}

/// <summary>
/// A handler's JSON request body of <typeparamref name="T"/>, read strictly by <see cref="JsonBody"/> (an unknown,
/// repeated or missing required field, the wrong type, no JSON content type or too many bytes are refused) and bound
/// with <c>BindAsync</c>, so a handler takes the typed request and never reads a body itself. A body that could not be
/// read reaches no handler: <see cref="BindingProblemFilter"/> answers its problem.
/// </summary>
/// <typeparam name="T">The request's contract type, in <see cref="QuickPollJsonContext"/>.</typeparam>
internal sealed class JsonRequest<T> : IBoundRequest, IEndpointParameterMetadataProvider
    where T : class
{
    // Each parameter's limit, read from its attribute once rather than on every request.
    private static readonly ConditionalWeakTable<ParameterInfo, StrongBox<int>> s_limits = new();

    private readonly T? _value;

    private JsonRequest(T? value, IResult? problem)
    {
        _value = value;
        Problem = problem;
    }

    /// <summary>The request as read; only handlers behind <see cref="BindingProblemFilter"/> see it.</summary>
    public T Value => _value ?? throw new InvalidOperationException("The request body could not be read; BindingProblemFilter answers it before any handler runs.");

    /// <inheritdoc />
    public IResult? Problem { get; }

    /// <summary>Reads the body; never null, so the framework adds no answer of its own.</summary>
    public static async ValueTask<JsonRequest<T>?> BindAsync(HttpContext context, ParameterInfo parameter)
    {
        var limit = s_limits.GetValue(parameter, static p => new StrongBox<int>(p.GetCustomAttribute<BodyLimitAttribute>()?.Bytes ?? FeedbackLimits.MaxRequestBodyBytes)).Value;
        var type = (JsonTypeInfo<T>)QuickPollJsonContext.Default.GetTypeInfo(typeof(T))!;
        var (value, problem) = await JsonBody.ReadAsync(context.Request, type, limit, context.RequestAborted);
        return new JsonRequest<T>(value, problem);
    }

    /// <summary>Describes the body and the problems reading it can give (400, 413, 415) for OpenAPI.</summary>
    public static void PopulateMetadata(ParameterInfo parameter, EndpointBuilder builder)
    {
        // Not AcceptsMetadata: its content-type matcher would answer 415 with an empty body before the handler runs.
        builder.Metadata.Add(new JsonRequestBody(typeof(T)));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status400BadRequest, typeof(HttpValidationProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status413PayloadTooLarge, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status415UnsupportedMediaType, typeof(Microsoft.AspNetCore.Mvc.ProblemDetails), ["application/problem+json"]));
    }
}

/// <summary>Raises the body limit of one <see cref="JsonRequest{T}"/> parameter above <see cref="FeedbackLimits.MaxRequestBodyBytes"/>.</summary>
[AttributeUsage(AttributeTargets.Parameter)]
internal sealed class BodyLimitAttribute(int bytes) : Attribute
{
    public int Bytes { get; } = bytes;
}

/// <summary>The one place where a request that could not be read becomes its problem response, before any handler runs.</summary>
internal sealed class BindingProblemFilter : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        foreach (var argument in context.Arguments)
        {
            if (argument is IBoundRequest { Problem: { } problem })
            {
                return ValueTask.FromResult<object?>(problem);
            }
        }

        return next(context);
    }
}
