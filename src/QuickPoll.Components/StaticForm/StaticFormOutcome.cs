using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using QuickPoll.Client;
using Refit;

namespace QuickPoll.Components;

/// <summary>
/// Post/redirect/get for the components' plain HTML forms (static server rendering, no JavaScript). Each form carries a
/// random key rendered with it, sent as the submission's <c>Idempotency-Key</c>, so the same form posted twice is stored once.
/// After the post the component redirects back to the page with its outcome in two query parameters (the form's name and a
/// short code from a fixed set), so reloading or going back and forward shows the outcome again and never posts again.
/// </summary>
/// <remarks>
/// The outcome needs no signature: a made-up link can only make a form show one of its own texts. Blazor answers a navigation
/// during a static render with <c>HttpResponse.Redirect</c>, a <c>302</c>, which browsers follow with a GET; where the app
/// hosts QuickPoll.Server, it turns that into a <c>303 See Other</c> (this package, also used in WebAssembly, cannot).
/// </remarks>
internal static partial class StaticFormOutcome
{
    /// <summary>The hidden field that carries the form's idempotency key.</summary>
    public const string KeyField = "qp-key";

    /// <summary>The query parameter naming the form whose outcome the page shows.</summary>
    public const string FormQuery = "qp-form";

    /// <summary>The query parameter holding that outcome's code.</summary>
    public const string OutcomeQuery = "qp-outcome";

    public const string Sent = "sent";
    public const string Published = "published";
    public const string Held = "held";
    public const string Voted = "voted";
    public const string Closed = "closed";
    public const string ChooseFirst = "choose";
    public const string Empty = "empty";
    public const string Expired = "expired";
    public const string Used = "used";
    public const string Refused = "refused";
    public const string Unavailable = "unavailable";
    public const string WaitPrefix = "wait-";

    /// <summary>A fresh key for a form about to be rendered.</summary>
    public static string NewKey() => Guid.NewGuid().ToString("N");

    /// <summary>The key the form was rendered with, or a fresh one when the post carried none a server would take.</summary>
    public static string KeyOrNew(string? posted) =>
        posted is { Length: >= 16 and <= 64 } && posted.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? posted : NewKey();

    /// <summary>Redirects back to the page, with this form's outcome replacing any earlier one.</summary>
    public static void Redirect(NavigationManager navigation, string formName, string outcome) =>
        navigation.NavigateTo(navigation.GetUriWithQueryParameters(new Dictionary<string, object?>
        {
            [FormQuery] = formName,
            [OutcomeQuery] = outcome,
        }));

    /// <summary>The outcome the page's address holds for this form, or null (another form's, or none).</summary>
    public static string? For(string formName, string? outcomeForm, string? outcome) =>
        outcome is { Length: > 0 and <= 32 } && string.Equals(formName, outcomeForm, StringComparison.Ordinal) ? outcome : null;

    public static string Wait(int seconds) => WaitPrefix + Math.Clamp(seconds, 1, 3600).ToString(CultureInfo.InvariantCulture);

    /// <summary>The code of why a submission failed: a wait (rate limit or sent too quickly), a form to write again, or the service.</summary>
    public static string Of(Exception exception)
    {
        if (exception is not ApiException api)
        {
            return Unavailable;
        }

        if (api.StatusCode == HttpStatusCode.TooManyRequests)
        {
            var after = api.Headers.RetryAfter?.Delta?.TotalSeconds;
            return Wait(after is { } seconds ? (int)Math.Ceiling(seconds) : 1);
        }

        if (api is QuickPollApiException { Errors: var errors } && errors.TryGetValue("formToken", out var messages) && messages.FirstOrDefault() is { } message)
        {
            // The server's sentence says how long to wait; the visitor reads it in their own language.
            return WaitSeconds().Match(message) is { Success: true } wait ? Wait(int.Parse(wait.Groups[1].Value, CultureInfo.InvariantCulture))
                : message.Contains("already sent", StringComparison.Ordinal) ? Used
                : Expired;
        }

        return (int)api.StatusCode is >= 400 and < 500 ? Refused : Unavailable;
    }

    /// <summary>The visitor's text for an error code, or null when the code is not an error.</summary>
    public static string? Reason(QuickPollText text, string outcome) =>
        outcome.StartsWith(WaitPrefix, StringComparison.Ordinal) && int.TryParse(outcome.AsSpan(WaitPrefix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
            ? text.Count("Form_Wait", seconds)
            : outcome switch
            {
                Expired => text["Form_Expired"],
                Used => text["Form_Used"],
                Refused => text["Form_Refused"],
                Unavailable => text["Form_Unavailable"],
                _ => null,
            };

    [GeneratedRegex(@"wait (\d{1,4}) more second", RegexOptions.CultureInvariant)]
    private static partial Regex WaitSeconds();
}
