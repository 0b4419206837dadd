using Refit;

namespace QuickPoll.Client;

/// <summary>
/// The QuickPoll API refused a call with an RFC 9457 problem: bad input (400, with <see cref="Errors"/>
/// naming each wrong field), an unknown poll or target (404), a closed poll (409), a missing admin key (401).
/// </summary>
public sealed class QuickPollApiException : ApiException
{
    private QuickPollApiException(ApiException response, ProblemDetails? problem)
        : base(
            problem?.Detail ?? problem?.Title ?? response.Message,
            response.RequestMessage,
            response.HttpMethod,
            response.Content,
            response.StatusCode,
            response.ReasonPhrase,
            response.Headers,
            response.RefitSettings,
            response)
    {
        ContentHeaders = response.ContentHeaders;
        Title = problem?.Title;
        Detail = problem?.Detail;
        Errors = problem?.Errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>A short summary of the problem, for example "The request has invalid fields.".</summary>
    public string? Title { get; }

    /// <summary>What went wrong in this call, when the server said more than the title.</summary>
    public string? Detail { get; }

    /// <summary>Each wrong field (by its JSON name, for example <c>score</c>) with what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>Reads the problem out of a refused call's response.</summary>
    internal static ApiException From(ApiException response)
    {
        if (response.ContentHeaders?.ContentType?.MediaType != "application/problem+json" || string.IsNullOrWhiteSpace(response.Content))
        {
            return response;
        }

        try
        {
            return new QuickPollApiException(response, ValidationApiException.Create(response).Content);
        }
        catch (System.Text.Json.JsonException)
        {
            return response; // a proxy's error page, say: keep the raw response
        }
    }
}
