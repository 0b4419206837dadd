using System.Diagnostics.CodeAnalysis;
using Microsoft.AspNetCore.Http;

namespace QuickPoll.Server.Http;

/// <summary>Reads the optional <c>Idempotency-Key</c> header of a submission.</summary>
internal static class IdempotencyKey
{
    public const string HeaderName = "Idempotency-Key";
    public const int MaxLength = 128;

    /// <returns><see langword="false"/> with a problem when the header is present but unusable.</returns>
    public static bool TryRead(HttpRequest request, out string? key, [NotNullWhen(false)] out IResult? problem)
    {
        (key, problem) = (null, null);
        if (!request.Headers.TryGetValue(HeaderName, out var values))
        {
            return true;
        }

        if (values.Count == 1 && values[0] is { Length: > 0 and <= MaxLength } value && value.All(c => c is >= '!' and <= '~'))
        {
            key = value;
            return true;
        }

        problem = Problems.Invalid(HeaderName, $"The Idempotency-Key header must be one value of 1 to {MaxLength} visible ASCII characters.");
        return false;
    }
}
