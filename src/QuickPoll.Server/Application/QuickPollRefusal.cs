using Microsoft.AspNetCore.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>
/// A use case's refusal of a request: the status a caller would get over HTTP, a short title, and each field at fault
/// with what is wrong with it. Every door answers it the same way: the HTTP edge as an RFC 9457 problem (one endpoint
/// filter), the in-process SDK as the client's <c>QuickPollApiException</c>. Nothing is stored when it is thrown.
/// </summary>
internal sealed class QuickPollRefusal : Exception
{
    public QuickPollRefusal(int statusCode, string title, IReadOnlyDictionary<string, string[]> errors, string? detail = null, int? retryAfterSeconds = null)
        : base(detail ?? title)
    {
        StatusCode = statusCode;
        Title = title;
        Errors = errors;
        Detail = detail;
        RetryAfterSeconds = retryAfterSeconds;
    }

    /// <summary>The HTTP status a caller gets: 400, 401, 403, 404, 409, 413, 415, 422, 429 or 503.</summary>
    public int StatusCode { get; }

    /// <summary>A short summary, the same for every refusal of this kind.</summary>
    public string Title { get; }

    /// <summary>Each field at fault by its JSON name (for example <c>score</c>), with what is wrong with it; empty when no one field is.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; }

    /// <summary>What went wrong in this request, when it says more than the title.</summary>
    public string? Detail { get; }

    /// <summary>When the caller may try again (429, 503), in seconds.</summary>
    public int? RetryAfterSeconds { get; }

    public static QuickPollRefusal Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static QuickPollRefusal Invalid(IReadOnlyDictionary<string, string[]> errors) =>
        new(StatusCodes.Status400BadRequest, "The request has invalid fields.", errors);

    public static QuickPollRefusal NotFound(string field, string message) =>
        new(StatusCodes.Status404NotFound, "Not found.", One(field, message), message);

    public static QuickPollRefusal Conflict(string field, string message) =>
        new(StatusCodes.Status409Conflict, "The request conflicts with the current state.", One(field, message), message);

    public static QuickPollRefusal Unprocessable(string field, string message) =>
        new(StatusCodes.Status422UnprocessableEntity, "The request cannot be processed.", One(field, message), message);

    public static QuickPollRefusal TooManyRequests(int retryAfterSeconds) =>
        new(StatusCodes.Status429TooManyRequests, "Too many requests from this address.", Empty, $"Try again in {retryAfterSeconds} s.", retryAfterSeconds);

    /// <summary>The storage's refusal of one write, as the use case's refusal.</summary>
    public static QuickPollRefusal From(WriteRejectedException rejection) => rejection.StatusCode switch
    {
        StatusCodes.Status404NotFound => NotFound(rejection.Field, rejection.Message),
        StatusCodes.Status409Conflict => Conflict(rejection.Field, rejection.Message),
        StatusCodes.Status422UnprocessableEntity => Unprocessable(rejection.Field, rejection.Message),
        _ => Invalid(rejection.Field, rejection.Message),
    };

    /// <summary>The writer cannot take a write now; the caller may retry after <see cref="RetryAfterSeconds"/>.</summary>
    public static QuickPollRefusal From(WriteUnavailableException busy) =>
        new(StatusCodes.Status503ServiceUnavailable, "The server is busy.", Empty, busy.Message, busy.RetryAfterSeconds);

    private static readonly IReadOnlyDictionary<string, string[]> Empty = new Dictionary<string, string[]>();

    private static Dictionary<string, string[]> One(string field, string message) => new() { [field] = [message] };
}
