using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>
/// What every visitor's submission goes through before its write, whichever door it came in by: the idempotency key
/// (scoped to the site, bound to the request's fingerprint), the contract's limits, and the visitor id.
/// </summary>
internal static class Submissions
{
    /// <summary>Checks the key and the request; returns the request with its visitor id resolved, and its idempotency.</summary>
    /// <param name="request">The request as given.</param>
    /// <param name="operation">The operation's path in the HTTP API (a poll's id included), part of the fingerprint.</param>
    /// <param name="type">The request's JSON metadata, for the fingerprint.</param>
    /// <param name="validate">The contract's limits.</param>
    /// <param name="caller">Who asks.</param>
    /// <param name="options">The server's options.</param>
    public static (T Request, IdempotentRequest? Idempotency) Prepare<T>(
        T request, string operation, JsonTypeInfo<T> type, Func<T, IReadOnlyDictionary<string, string[]>> validate, Caller caller, QuickPollServerOptions options)
        where T : FeedbackContext
    {
        ArgumentNullException.ThrowIfNull(request);
        var key = CheckKey(caller.IdempotencyKey);
        var errors = validate(request);
        if (errors.Count > 0)
        {
            throw QuickPollRefusal.Invalid(errors);
        }

        // The fingerprint is taken before the visitor cookie fills in an id, so a retry hashes alike whether or not the
        // first attempt set the cookie.
        var fingerprint = key is null ? null : Fingerprint(operation, request, type);
        request = request with { VisitorId = VisitorCookie.Resolve(caller.Visitor, options, request.VisitorId) };
        var idempotency = key is null
            ? null
            : new IdempotentRequest(caller.Site?.Id ?? "", key, fingerprint!, request.VisitorId, options.IdempotencyKeyLifetime);
        return (request, idempotency);
    }

    /// <summary>Hands a write to the writer; its refusals (refused at write time, or the writer busy) become the use case's.</summary>
    public static async Task<T> WriteOrRefuseAsync<T>(this WriteQueue writes, WriteOperation<T> write, CancellationToken cancellationToken)
    {
        try
        {
            return await writes.WriteAsync(write, cancellationToken);
        }
        catch (WriteRejectedException rejection)
        {
            throw QuickPollRefusal.From(rejection);
        }
        catch (WriteUnavailableException busy)
        {
            throw QuickPollRefusal.From(busy);
        }
    }

    private static string? CheckKey(string? key) =>
        key is null || key is { Length: > 0 and <= IdempotencyKey.MaxLength } && key.All(c => c is >= '!' and <= '~')
            ? key
            : throw QuickPollRefusal.Invalid(IdempotencyKey.HeaderName, $"The Idempotency-Key header must be one value of 1 to {IdempotencyKey.MaxLength} visible ASCII characters.");

    /// <summary>A hash of what the request asks for: its operation (a poll's id) and its body, whatever its spacing or field order.</summary>
    private static string Fingerprint<T>(string operation, T request, JsonTypeInfo<T> type)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes(operation));
        hash.AppendData([0]);
        hash.AppendData(JsonSerializer.SerializeToUtf8Bytes(request, type));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
