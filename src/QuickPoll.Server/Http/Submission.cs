using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>
/// A visitor's submission from request to response: the idempotency key (scoped to the site and bound to the request's
/// fingerprint), the JSON body, the contract's limits, the visitor cookie, then the write, with every refusal along the
/// way answered as a problem.
/// </summary>
internal static class Submission
{
    /// <param name="request">The HTTP request.</param>
    /// <param name="writes">The write queue.</param>
    /// <param name="options">The server's options.</param>
    /// <param name="requestType">The body's JSON metadata.</param>
    /// <param name="resultType">The result's JSON metadata.</param>
    /// <param name="validate">The contract's limits.</param>
    /// <param name="prepare">Turns the valid body (its visitor id resolved) and its idempotency into the write, or a problem.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    public static async Task<IResult> HandleAsync<TRequest, TResult>(
        HttpRequest request,
        WriteQueue writes,
        QuickPollServerOptions options,
        JsonTypeInfo<TRequest> requestType,
        JsonTypeInfo<TResult> resultType,
        Func<TRequest, IReadOnlyDictionary<string, string[]>> validate,
        Func<TRequest, IdempotentRequest?, (WriteOperation<TResult>? Write, IResult? Problem)> prepare,
        CancellationToken cancellationToken)
        where TRequest : FeedbackContext
    {
        if (!IdempotencyKey.TryRead(request, out var idempotencyKey, out var keyProblem))
        {
            return keyProblem;
        }

        var (body, problem) = await JsonBody.ReadAsync(request, requestType, cancellationToken);
        if (body is null)
        {
            return problem!;
        }

        var errors = validate(body);
        if (errors.Count > 0)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        // The fingerprint is taken before the visitor cookie fills in an id, so a retry hashes alike whether or not the
        // first attempt set the cookie.
        var fingerprint = idempotencyKey is null ? null : Fingerprint(request, body, requestType);
        body = body with { VisitorId = VisitorCookie.Resolve(request.HttpContext, options, body.VisitorId) };
        var idempotency = idempotencyKey is null
            ? null
            : new IdempotentRequest(SiteAccess.SiteOf(request.HttpContext)?.Id ?? "", idempotencyKey, fingerprint!, body.VisitorId, options.IdempotencyKeyLifetime);
        var (write, refusal) = prepare(body, idempotency);
        if (write is null)
        {
            return refusal!;
        }

        try
        {
            return TypedResults.Json(await writes.WriteAsync(write, cancellationToken), resultType);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Rejected(rejection);
        }
    }

    /// <summary>A hash of what the request asks for: its path (a poll's id) and its body as read, whatever its spacing or field order.</summary>
    private static string Fingerprint<TRequest>(HttpRequest request, TRequest body, JsonTypeInfo<TRequest> requestType)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(request.Path.Value ?? ""));
        hash.AppendData([0]);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(body, requestType));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
