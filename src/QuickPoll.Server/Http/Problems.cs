using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using QuickPoll.Server.Application;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Http;

/// <summary>The one place where a rejected request becomes an RFC 9457 problem response.</summary>
internal static class Problems
{
    public static ValidationProblem Invalid(string field, string message) =>
        Invalid(new Dictionary<string, string[]> { [field] = [message] });

    public static ValidationProblem Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.ValidationProblem(errors, title: "The request has invalid fields.", type: "https://tools.ietf.org/html/rfc9110#section-15.5.1");

    public static ProblemHttpResult NotFound(string field, string message) =>
        Problem(StatusCodes.Status404NotFound, "Not found.", field, message, "https://tools.ietf.org/html/rfc9110#section-15.5.5");

    public static ProblemHttpResult Unauthorized() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status401Unauthorized,
            title: "An admin key is required.",
            detail: "Send the admin key as 'Authorization: Bearer <key>'.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.2");

    public static ProblemHttpResult UnknownSite(string message) =>
        Problem(StatusCodes.Status401Unauthorized, "A site's public key is required.", SiteAccess.HeaderName, message, "https://tools.ietf.org/html/rfc9110#section-15.5.2");

    public static ProblemHttpResult OriginNotAllowed(string origin) =>
        Problem(StatusCodes.Status403Forbidden, "This page's origin may not use the site's key.", "Origin",
            $"The site does not allow pages from '{origin}'. Staff add origins to the site's allowed origins.", "https://tools.ietf.org/html/rfc9110#section-15.5.4");

    /// <summary>A use case's refusal, with <c>Retry-After</c> when it says when to try again.</summary>
    public static IResult Refused(HttpContext http, QuickPollRefusal refusal)
    {
        if (refusal.RetryAfterSeconds is { } seconds)
        {
            http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return refusal.StatusCode == StatusCodes.Status400BadRequest
            ? Invalid(refusal.Errors.ToDictionary())
            : TypedResults.Problem(
                statusCode: refusal.StatusCode,
                title: refusal.Title,
                detail: refusal.Detail,
                type: TypeOf(refusal.StatusCode),
                extensions: refusal.Errors.Count == 0 ? null : new Dictionary<string, object?> { ["errors"] = refusal.Errors });
    }

    private static string TypeOf(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "https://tools.ietf.org/html/rfc9110#section-15.5.2",
        StatusCodes.Status403Forbidden => "https://tools.ietf.org/html/rfc9110#section-15.5.4",
        StatusCodes.Status404NotFound => "https://tools.ietf.org/html/rfc9110#section-15.5.5",
        StatusCodes.Status409Conflict => "https://tools.ietf.org/html/rfc9110#section-15.5.10",
        StatusCodes.Status413PayloadTooLarge => "https://tools.ietf.org/html/rfc9110#section-15.5.14",
        StatusCodes.Status415UnsupportedMediaType => "https://tools.ietf.org/html/rfc9110#section-15.5.16",
        StatusCodes.Status422UnprocessableEntity => "https://tools.ietf.org/html/rfc9110#section-15.5.21",
        StatusCodes.Status429TooManyRequests => "https://tools.ietf.org/html/rfc6585#section-4",
        StatusCodes.Status503ServiceUnavailable => "https://tools.ietf.org/html/rfc9110#section-15.6.4",
        _ => "https://tools.ietf.org/html/rfc9110#section-15.5.1",
    };

    /// <summary>A path under the API prefix that no endpoint has.</summary>
    public static ProblemHttpResult UnknownPath() =>
        NotFound("path", "There is no QuickPoll API at this path. See the OpenAPI document for the paths there are.");

    /// <summary>A path that exists, asked with a method it does not answer; the caller sets <c>Allow</c> to <paramref name="allowed"/>.</summary>
    public static ProblemHttpResult MethodNotAllowed(string method, string allowed) =>
        Problem(StatusCodes.Status405MethodNotAllowed, "The method is not allowed at this path.", "method",
            $"This path does not answer {method}; it answers {allowed}.", "https://tools.ietf.org/html/rfc9110#section-15.5.6");

    public static ProblemHttpResult TooLarge(int limit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The request body is too large.",
            detail: $"The body must be at most {limit} bytes.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.14");

    public static ProblemHttpResult TooManyRequests(int retryAfterSeconds) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status429TooManyRequests,
            title: "Too many requests from this address.",
            detail: $"Try again in {retryAfterSeconds} s.",
            type: "https://tools.ietf.org/html/rfc6585#section-4");

    public static ProblemHttpResult UnsupportedMediaType() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status415UnsupportedMediaType,
            title: "The request body must be JSON.",
            detail: "Send the body with Content-Type: application/json.",
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.16");

    // Not-found and conflict problems name their field too, in the same "errors" shape as validation.
    private static ProblemHttpResult Problem(int status, string title, string field, string message, string type) =>
        TypedResults.Problem(
            statusCode: status,
            title: title,
            detail: message,
            type: type,
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    /// <summary>Names the JSON field that could not be read, so a developer sees what to fix.</summary>
    public static ValidationProblem UnreadableJson(JsonException exception)
    {
        var field = FieldOf(exception.Path);
        return field is null
            ? Invalid("body", "The request body must be a JSON object.")
            : Invalid(field, $"The value of '{field}' is not valid.");
    }

    // "$.score" -> "score", "$.a.b[0]" -> "a.b[0]", "$" -> null
    private static string? FieldOf(string? path) =>
        path is null || path.Length <= 2 || !path.StartsWith("$.", StringComparison.Ordinal) ? null : path[2..];
}
