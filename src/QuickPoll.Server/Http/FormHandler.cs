using System.Globalization;
using System.Net;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using QuickPoll.Client;
using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Server.Http;

/// <summary>
/// <c>POST /quickpoll/form</c>: where the components' plain forms post when a Razor Page or MVC view renders them through
/// QuickPoll's tag helpers (those pages cannot handle a component's form). It checks the antiforgery token, sends the
/// answer, comment or vote through the in-process API (so the same use cases, caller, visitor cookie and rate limits as a
/// component on a Blazor page), then answers <c>303 See Other</c> back to the page with the outcome in the
/// <c>qp-form</c>/<c>qp-outcome</c> query the component shows. With <c>Accept: application/json</c> it answers the outcome
/// and the visitor's text as JSON instead (a script that sends the form in place), or a problem whose <c>detail</c> is that text.
/// </summary>
internal static partial class FormHandler
{
    public const string Path = "/quickpoll/form";

    // The form's fields, as QuickPoll.Components writes them (QuickPollFormHandler, StaticFormOutcome and each component).
    private const string KeyField = "qp-key";
    private const string FormField = "qp-form";
    private const string ReturnField = "qp-return";
    private const string KindField = "qp-kind";
    private const string TargetField = "qp-target";
    private const string PollField = "qp-poll";
    private const string LanguageField = "qp-lang";
    private const string OrderTokenField = "qp-order-token";
    private const string ScoreField = "qp-score";
    private const string ChoiceField = "qp-choice";
    private const string TextField = "text";
    private const string NameField = "displayName";
    private const string WebsiteField = "website";
    private const string RatingField = "rating";
    private const string FormTokenField = "formToken";
    private const string OutcomeQuery = "qp-outcome";

    // The texts the tag helpers' package provides, so that the visitor reads the component's own words.
    private const string OutcomeTextKey = "QuickPoll.FormOutcomeText";

    /// <summary>The largest form taken: a review at its longest, percent-encoded, with every other field.</summary>
    private const int MaxFormBytes = 64 * 1024;

    private static readonly (string Field, ContextDimension Dimension)[] s_context =
    [
        ("qp-segment", ContextDimension.Segment),
        ("qp-journey-stage", ContextDimension.JourneyStage),
        ("qp-touchpoint", ContextDimension.Touchpoint),
        (LanguageField, ContextDimension.Locale),
    ];

    // The API's field names, as the form's.
    private static readonly Dictionary<string, string> s_formFieldOf = new(StringComparer.OrdinalIgnoreCase)
    {
        ["target"] = TargetField,
        ["score"] = ScoreField,
        ["kind"] = KindField,
        ["segment"] = "qp-segment",
        ["journeyStage"] = "qp-journey-stage",
        ["touchpoint"] = "qp-touchpoint",
        ["locale"] = LanguageField,
        ["orderToken"] = OrderTokenField,
        ["choiceIds"] = ChoiceField,
        ["pollId"] = PollField,
        ["Idempotency-Key"] = KeyField,
    };

    /// <summary>Marks the handler's endpoint: a place that handles QuickPoll's forms (see <see cref="StaticFormGuard"/>).</summary>
    public static readonly object Marker = new FormHandlerMarker();

    public static async Task HandleAsync(HttpContext http)
    {
        var json = AcceptsJson(http.Request);
        http.Response.Headers.CacheControl = "no-store";
        if (!http.Request.HasFormContentType)
        {
            await Problem(http, StatusCodes.Status415UnsupportedMediaType, "Content-Type",
                "Send the form as application/x-www-form-urlencoded or multipart/form-data.").ExecuteAsync(http);
            return;
        }

        if (http.Request.ContentLength > MaxFormBytes)
        {
            await Problem(http, StatusCodes.Status413PayloadTooLarge, "form", $"The form must be at most {MaxFormBytes} bytes.").ExecuteAsync(http);
            return;
        }

        IFormCollection form;
        try
        {
            form = await http.Request.ReadFormAsync(new FormOptions
            {
                BufferBody = false,
                ValueCountLimit = 64,
                ValueLengthLimit = MaxFormBytes,
                KeyLengthLimit = 64,
                MultipartBodyLengthLimit = MaxFormBytes,
            }, http.RequestAborted);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or BadHttpRequestException)
        {
            await Problem(http, StatusCodes.Status400BadRequest, "form", "The form could not be read.").ExecuteAsync(http);
            return;
        }

        var returnPath = LocalPath(Single(form, ReturnField));
        var antiforgery = http.RequestServices.GetService<IAntiforgery>();
        if (antiforgery is null || !await antiforgery.IsRequestValidAsync(http))
        {
            Log.AntiforgeryRefused(Logger(http), returnPath);
            await Refuse(http, json, returnPath, AntiforgeryField(http), "The form's antiforgery token is missing or not valid: reload the page and send it again.");
            return;
        }

        if (Single(form, FormField) is not { } formName || !IsFormName(formName))
        {
            await Refuse(http, json, returnPath, FormField, "The form's name is missing or not valid.");
            return;
        }

        var kind = Single(form, KindField);
        if (kind is not ("comment" or "poll") && !FeedbackKindNames.TryParse(kind, out _))
        {
            await Refuse(http, json, returnPath, KindField, $"The form's kind must be comment, poll or one of {string.Join(", ", FeedbackKindNames.All)}.");
            return;
        }

        if (Single(form, KeyField) is not { } key || !IsKey(key))
        {
            await Refuse(http, json, returnPath, KeyField, "The form's key is missing or not valid: 16 to 64 letters, digits, '-' or '_'.");
            return;
        }

        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        var context = new PollVoteRequest([]);
        foreach (var (field, dimension) in s_context)
        {
            var value = Single(form, field);
            if (dimension.Validate(value) is { } error)
            {
                errors[field] = [error];
            }
            else
            {
                context = dimension.With(context, value);
            }
        }

        var outcome = errors.Count > 0 ? null : await RunAsync(http, kind!, form, key, context, errors);
        var language = context.Locale;
        if (outcome is null)
        {
            // Garbage in a field of the form: nothing was sent.
            if (json)
            {
                await Problems.Invalid(errors).ExecuteAsync(http);
                return;
            }

            outcome = Refused;
        }

        var text = OutcomeText(http, kind!, outcome.Code, language);
        if (json)
        {
            if (outcome.Failure is { } failure)
            {
                await Failed(http, formName, outcome.Code, text, failure).ExecuteAsync(http);
                return;
            }

            await TypedResults.Json(new FormOutcome(formName, OutcomeName(outcome.Code), text), FormOutcomeJson.Default.FormOutcome).ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status303SeeOther;
        http.Response.Headers.Location = WithOutcome(returnPath, formName, outcome.Code);
    }

    private static readonly Dictionary<string, string[]> s_noErrors = [];

    private static readonly Outcome Refused = new("refused", new FormFailure(StatusCodes.Status400BadRequest, s_noErrors));

    private static async Task<Outcome?> RunAsync(HttpContext http, string kind, IFormCollection form, string key, PollVoteRequest context, Dictionary<string, string[]> errors)
    {
        var api = http.RequestServices.GetRequiredKeyedService<IQuickPollApi>(InProcessApi.ServiceKey);
        try
        {
            return kind switch
            {
                "comment" => await CommentAsync(api, form, key, context, errors),
                "poll" => await VoteAsync(api, form, key, context, errors),
                _ => await AnswerAsync(api, kind, form, key, context, errors),
            };
        }
        catch (ApiException ex)
        {
            // Refused by a use case (or its rate limit): the form's fields named as the form names them.
            if (ex is QuickPollApiException { StatusCode: HttpStatusCode.BadRequest, Errors.Count: > 0 } invalid)
            {
                foreach (var (name, messages) in invalid.Errors)
                {
                    errors[s_formFieldOf.GetValueOrDefault(name, name)] = messages;
                }
            }

            return new Outcome(CodeOf(ex), Failure(http, ex, errors));
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
        {
            Log.SendFailed(Logger(http), kind, ex);
            return new Outcome("unavailable", new FormFailure(StatusCodes.Status503ServiceUnavailable, s_noErrors));
        }
    }

    private static async Task<Outcome?> AnswerAsync(IQuickPollApi api, string kindName, IFormCollection form, string key, PollVoteRequest context, Dictionary<string, string[]> errors)
    {
        if (!FeedbackKindNames.TryParse(kindName, out var kind))
        {
            return null;
        }

        var target = Single(form, TargetField);
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            errors[TargetField] = [targetError];
            return null;
        }

        var scale = FeedbackLimits.ScaleOf(kind);
        var posted = Single(form, ScoreField);
        if (string.IsNullOrEmpty(posted))
        {
            return Choose(ScoreField, errors);
        }

        if (!int.TryParse(posted, NumberStyles.None, CultureInfo.InvariantCulture, out var score) || !scale.Contains(score))
        {
            errors[ScoreField] = [$"The score must be a whole number from {scale.Min} to {scale.Max}."];
            return null;
        }

        var request = Copy(context, new SubmitAnswerRequest(target!, score) { Kind = kind, OrderToken = Single(form, OrderTokenField) });
        await api.SubmitAnswerAsync(request, key);
        return new Outcome("sent:" + score.ToString(CultureInfo.InvariantCulture), null);
    }

    private static async Task<Outcome?> CommentAsync(IQuickPollApi api, IFormCollection form, string key, PollVoteRequest context, Dictionary<string, string[]> errors)
    {
        var target = Single(form, TargetField);
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            errors[TargetField] = [targetError];
            return null;
        }

        int? rating = null;
        if (Single(form, RatingField) is { Length: > 0 } postedRating)
        {
            if (!int.TryParse(postedRating, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed) || parsed is < 1 or > 5)
            {
                errors[RatingField] = ["The rating must be a whole number from 1 to 5."];
                return null;
            }

            rating = parsed;
        }

        // A bot filled the trap: it looks exactly like a held comment, and nothing is stored.
        if (Single(form, WebsiteField) is { Length: > 0 })
        {
            return new Outcome("held", null);
        }

        var text = (Single(form, TextField) ?? "").Trim();
        if (text.Length == 0)
        {
            return Choose(TextField, errors, "empty");
        }

        var name = (Single(form, NameField) ?? "").Trim();
        var request = Copy(context, new SubmitCommentRequest(target!, text)
        {
            Rating = rating,
            DisplayName = name.Length > 0 ? name : null,
            OrderToken = Single(form, OrderTokenField),
            FormToken = Single(form, FormTokenField),
        });
        var receipt = await api.SubmitCommentAsync(request, key);
        return new Outcome(receipt.Status == CommentStatus.Published ? "published" : "held", null);
    }

    private static async Task<Outcome?> VoteAsync(IQuickPollApi api, IFormCollection form, string key, PollVoteRequest context, Dictionary<string, string[]> errors)
    {
        var pollId = Single(form, PollField);
        if (string.IsNullOrWhiteSpace(pollId) || pollId.Length > 128)
        {
            errors[PollField] = ["The poll's id is required, at most 128 characters."];
            return null;
        }

        Poll poll;
        try
        {
            poll = await api.GetPollAsync(pollId, context.Locale);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            errors[PollField] = ["There is no such poll."];
            return new Outcome("refused", new FormFailure(StatusCodes.Status404NotFound, s_noErrors));
        }

        if (!poll.IsOpen)
        {
            return new Outcome("closed", new FormFailure(StatusCodes.Status409Conflict, s_noErrors));
        }

        // As the component does: the ticked choices in the poll's order, anything else posted ignored.
        var posted = form[ChoiceField];
        var choices = poll.Choices.Select(c => c.Id).Where(id => posted.Contains(id)).Take(poll.AllowMultiple ? int.MaxValue : 1).ToList();
        if (choices.Count == 0)
        {
            return Choose(ChoiceField, errors);
        }

        try
        {
            await api.VoteAsync(pollId, context with { ChoiceIds = choices }, key);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            return new Outcome("closed", new FormFailure(StatusCodes.Status409Conflict, s_noErrors));
        }

        return new Outcome("voted", null);
    }

    // A form sent before it was filled in: the component asks for the missing part.
    private static Outcome Choose(string field, Dictionary<string, string[]> errors, string code = "choose")
    {
        errors[field] = [field == TextField ? "Write the comment first." : "Choose an answer first."];
        return new Outcome(code, new FormFailure(StatusCodes.Status400BadRequest, errors));
    }

    private static T Copy<T>(FeedbackContext from, T to)
        where T : FeedbackContext =>
        to with { Segment = from.Segment, JourneyStage = from.JourneyStage, Touchpoint = from.Touchpoint, Locale = from.Locale };

    /// <summary>The code the component shows for a refusal: a wait, a form to write again, or the service (as the components' own).</summary>
    private static string CodeOf(ApiException exception)
    {
        if (exception.StatusCode == HttpStatusCode.TooManyRequests)
        {
            return Wait(exception.Headers.RetryAfter?.Delta?.TotalSeconds);
        }

        if (exception is QuickPollApiException { Errors: var errors } && errors.TryGetValue(FormTokenField, out var messages) && messages.FirstOrDefault() is { } message)
        {
            return WaitSeconds().Match(message) is { Success: true } wait ? Wait(double.Parse(wait.Groups[1].Value, CultureInfo.InvariantCulture))
                : message.Contains("already sent", StringComparison.Ordinal) ? "used"
                : "expired";
        }

        return (int)exception.StatusCode is >= 400 and < 500 ? "refused" : "unavailable";
    }

    private static string Wait(double? seconds) =>
        "wait-" + Math.Clamp(seconds is { } s ? (int)Math.Ceiling(s) : 1, 1, 3600).ToString(CultureInfo.InvariantCulture);

    private static FormFailure Failure(HttpContext http, ApiException exception, Dictionary<string, string[]> errors)
    {
        if (exception.Headers.RetryAfter?.Delta is { } delta)
        {
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(delta.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        }

        return new FormFailure((int)exception.StatusCode, errors);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Failed(HttpContext http, string formName, string code, string? text, FormFailure failure) =>
        TypedResults.Problem(
            statusCode: failure.Status,
            title: "The form was not sent.",
            detail: text,
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?>
            {
                ["form"] = formName,
                ["outcome"] = code,
                ["errors"] = failure.Errors.Count > 0 ? failure.Errors : null,
            });

    // The JSON outcome's name: a rating's thank-you is "sent", whatever its score.
    private static string OutcomeName(string code) => code.StartsWith("sent:", StringComparison.Ordinal) ? "sent" : code;

    private static string? OutcomeText(HttpContext http, string kind, string code, string? language)
    {
        var texts = http.RequestServices.GetKeyedService<Func<string, string, string?, string?>>(OutcomeTextKey);
        return texts?.Invoke(kind, code, language) ?? code switch
        {
            _ when code.StartsWith("sent", StringComparison.Ordinal) || code is "voted" or "published" or "held" => "Thank you!",
            _ => "It was not sent.",
        };
    }

    /// <summary>A refusal before the form's name is known: a problem, or a page the visitor can go back from.</summary>
    private static async Task Refuse(HttpContext http, bool json, string returnPath, string field, string message)
    {
        if (json)
        {
            await Problems.Invalid(field, message).ExecuteAsync(http);
            return;
        }

        http.Response.StatusCode = StatusCodes.Status400BadRequest;
        http.Response.ContentType = "text/html; charset=utf-8";
        await http.Response.WriteAsync(RefusalPage.Replace("{0}", HtmlEncoder.Default.Encode(returnPath), StringComparison.Ordinal));
    }

    private const string RefusalPage = """
        <!DOCTYPE html>
        <html lang="en">
        <head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>Not sent</title></head>
        <body>
        <h1>Your answer was not sent</h1>
        <p>The form could not be accepted, so nothing was stored. <a href="{0}">Go back to the page</a>, reload it and try again.</p>
        </body>
        </html>
        """;

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Problem(HttpContext http, int status, string field, string message) =>
        TypedResults.Problem(statusCode: status, title: "The form was not sent.", detail: message, type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            extensions: new Dictionary<string, object?> { ["errors"] = new Dictionary<string, string[]> { [field] = [message] } });

    private static string AntiforgeryField(HttpContext http) =>
        http.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<AntiforgeryOptions>>()?.Value.FormFieldName ?? "__RequestVerificationToken";

    /// <summary>Whether the client asked for JSON (a script sending the form) rather than a page.</summary>
    private static bool AcceptsJson(HttpRequest request)
    {
        foreach (var value in request.Headers.Accept)
        {
            if (value is not null && (value.Contains("application/json", StringComparison.OrdinalIgnoreCase)
                || value.Contains("application/problem+json", StringComparison.OrdinalIgnoreCase)))
            {
                return !value.Contains("text/html", StringComparison.OrdinalIgnoreCase);
            }
        }

        return false;
    }

    /// <summary>The page to come back to: a local path of this app (not <c>//host</c>, not <c>/\host</c>), else <c>/</c>.</summary>
    internal static string LocalPath(string? path)
    {
        if (string.IsNullOrEmpty(path) || path.Length > 2048 || path[0] != '/'
            || (path.Length > 1 && path[1] is '/' or '\\'))
        {
            return "/";
        }

        foreach (var c in path)
        {
            // Browsers read a backslash as a slash, and drop tabs and line breaks: "/\t/evil" is "//evil" to them.
            if (c == '\\' || char.IsControl(c) || char.IsWhiteSpace(c) || c > '\u007e')
            {
                return "/";
            }
        }

        var fragment = path.IndexOf('#', StringComparison.Ordinal);
        return fragment < 0 ? path : path[..fragment];
    }

    /// <summary>The page's address with this form's outcome in place of any earlier one.</summary>
    internal static string WithOutcome(string path, string formName, string code)
    {
        var query = path.IndexOf('?', StringComparison.Ordinal);
        var kept = query < 0 ? [] : QueryHelpers.ParseQuery(path[query..])
            .Where(p => p.Key is not (FormField or OutcomeQuery))
            .SelectMany(p => p.Value, (p, v) => new KeyValuePair<string, string?>(p.Key, v));
        return QueryHelpers.AddQueryString(query < 0 ? path : path[..query],
            [.. kept, new(FormField, formName), new(OutcomeQuery, code)]);
    }

    private static string? Single(IFormCollection form, string field) =>
        form.TryGetValue(field, out var values) && values.Count == 1 ? values[0] : null;

    // As the components name their forms: qp-{kind}-{target}, qp-comment-{target}, qp-poll-{id}, or the shop's own name.
    private static bool IsFormName(string name) => name.Length is > 0 and <= 200 && !name.Any(char.IsControl);

    private static bool IsKey(string key) =>
        key.Length is >= 16 and <= 64 && key.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("QuickPoll.Server.FormHandler");

    [GeneratedRegex(@"wait (\d{1,4}) more second", RegexOptions.CultureInvariant)]
    private static partial Regex WaitSeconds();

    private sealed record Outcome(string Code, FormFailure? Failure);

    private sealed record FormFailure(int Status, IReadOnlyDictionary<string, string[]> Errors);

    private sealed class FormHandlerMarker;

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: a form posted from {ReturnPath} had no valid antiforgery token; nothing was stored.")]
        public static partial void AntiforgeryRefused(ILogger logger, string returnPath);

        [LoggerMessage(2, LogLevel.Warning, "QuickPoll: could not send a {Kind} form; the visitor may try again.")]
        public static partial void SendFailed(ILogger logger, string kind, Exception exception);
    }
}

/// <summary>What the form handler answers a script that asked for JSON.</summary>
/// <param name="Form">The form's name.</param>
/// <param name="Outcome">What happened: <c>sent</c>, <c>published</c>, <c>held</c> or <c>voted</c>.</param>
/// <param name="Message">The visitor's text for it, in the form's language.</param>
internal sealed record FormOutcome(string Form, string Outcome, string? Message);

[System.Text.Json.Serialization.JsonSerializable(typeof(FormOutcome))]
[System.Text.Json.Serialization.JsonSourceGenerationOptions(System.Text.Json.JsonSerializerDefaults.Web)]
internal sealed partial class FormOutcomeJson : System.Text.Json.Serialization.JsonSerializerContext;
