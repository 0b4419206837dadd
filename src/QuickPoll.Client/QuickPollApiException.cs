using System.Net;
using System.Net.Http.Headers;
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

    private QuickPollApiException(HttpStatusCode statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]> errors, HttpResponseMessage answer)
        : base(detail ?? title, new HttpRequestMessage(), HttpMethod.Get, null, statusCode, answer.ReasonPhrase, answer.Headers, new RefitSettings())
    {
        Title = title;
        Detail = detail;
        Errors = errors;
    }

    /// <summary>A short summary of the problem, for example "The request has invalid fields.".</summary>
    public string? Title { get; }

    /// <summary>What went wrong in this call, when the server said more than the title.</summary>
    public string? Detail { get; }

    /// <summary>Each wrong field (by its JSON name, for example <c>score</c>) with what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>
    /// The exception a refused call throws, made without an HTTP response: for an implementation of the API that answers in
    /// process (as <c>AddQuickPollServer()</c> registers one), or a test's stand-in for the API.
    /// </summary>
    /// <param name="statusCode">The status the call would have got over HTTP, for example 400 or 404.</param>
    /// <param name="title">A short summary of the problem.</param>
    /// <param name="detail">What went wrong in this call, when it says more than the title.</param>
    /// <param name="errors">Each wrong field by its JSON name, with what is wrong with it.</param>
    /// <param name="retryAfter">When the call may be tried again (429, 503), as the <c>Retry-After</c> header says it over HTTP.</param>
    /// <returns>The exception, to throw.</returns>
    public static QuickPollApiException Create(
        HttpStatusCode statusCode, string title, string? detail = null, IReadOnlyDictionary<string, string[]>? errors = null, TimeSpan? retryAfter = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(title);
        using var answer = new HttpResponseMessage(statusCode);
        if (retryAfter is { } delay)
        {
            answer.Headers.RetryAfter = new RetryConditionHeaderValue(delay);
        }

        return new QuickPollApiException(statusCode, title, detail, errors ?? new Dictionary<string, string[]>(), answer);
    }

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
