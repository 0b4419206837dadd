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

    // A refusal by an in-process API: no response was read, so the problem's parts become a response of the same shape.
    private QuickPollApiException(HttpRequestMessage request, HttpResponseMessage response, ProblemDetails problem)
        : base(
            problem.Detail ?? problem.Title ?? response.ReasonPhrase ?? "The request was refused.",
            request,
            request.Method,
            null,
            response.StatusCode,
            response.ReasonPhrase,
            response.Headers,
            new RefitSettings())
    {
        Title = problem.Title;
        Detail = problem.Detail;
        Errors = problem.Errors ?? new Dictionary<string, string[]>();
    }

    /// <summary>A short summary of the problem, for example "The request has invalid fields.".</summary>
    public string? Title { get; }

    /// <summary>What went wrong in this call, when the server said more than the title.</summary>
    public string? Detail { get; }

    /// <summary>Each wrong field (by its JSON name, for example <c>score</c>) with what is wrong with it.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>
    /// The exception an in-process implementation of the API throws for a refusal: the same status, title, detail and
    /// field errors the HTTP API answers with, and <c>Retry-After</c> when it says when to try again.
    /// </summary>
    internal static QuickPollApiException FromRefusal(
        HttpMethod method, string path, int statusCode, string title, string? detail, IReadOnlyDictionary<string, string[]> errors, int? retryAfterSeconds = null)
    {
        var response = new HttpResponseMessage((System.Net.HttpStatusCode)statusCode);
        if (retryAfterSeconds is { } seconds)
        {
            response.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));
        }

        var problem = new ProblemDetails
        {
            Status = statusCode,
            Title = title,
            Detail = detail,
            Errors = errors.ToDictionary(error => error.Key, error => error.Value),
        };
        return new QuickPollApiException(new HttpRequestMessage(method, new Uri(path, UriKind.Relative)), response, problem);
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
