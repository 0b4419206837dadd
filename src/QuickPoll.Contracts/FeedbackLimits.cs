namespace QuickPoll.Contracts;

/// <summary>
/// The limits every answer must respect. The server enforces them and the components and SDK
/// use the same values, so a visitor never meets a limit the server would not accept.
/// </summary>
public static class FeedbackLimits
{
    /// <summary>The longest accepted target (a product SKU or any id of what is rated), in characters.</summary>
    public const int MaxTargetLength = 128;

    /// <summary>The longest accepted segment or touchpoint, in characters.</summary>
    public const int MaxTagLength = 64;

    /// <summary>The longest accepted locale tag, in characters.</summary>
    public const int MaxLocaleLength = 35;

    /// <summary>The longest accepted page path, in characters.</summary>
    public const int MaxPagePathLength = 512;

    /// <summary>The shortest accepted visitor id, in characters: shorter ids would collide.</summary>
    public const int MinVisitorIdLength = 8;

    /// <summary>The longest accepted visitor id, in characters.</summary>
    public const int MaxVisitorIdLength = 64;

    /// <summary>The largest accepted request body, in bytes.</summary>
    public const int MaxRequestBodyBytes = 16 * 1024;

    /// <summary>The score range of a feedback kind.</summary>
    /// <param name="kind">The feedback kind.</param>
    /// <returns>The inclusive range of scores <paramref name="kind"/> accepts.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static ScoreScale ScaleOf(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Stars => new(1, 5),
        FeedbackKind.Thumbs => new(0, 1),
        FeedbackKind.Nps => new(0, 10),
        FeedbackKind.Csat => new(1, 5),
        FeedbackKind.Ces => new(1, 7),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feedback kind."),
    };

    /// <summary>Checks a target (what is rated) against the limits.</summary>
    /// <param name="target">The target to check.</param>
    /// <returns>A message for the visitor or developer, or <see langword="null"/> when the target is valid.</returns>
    public static string? ValidateTarget(string? target)
    {
        if (string.IsNullOrWhiteSpace(target))
        {
            return "The target is required.";
        }

        if (target.Length > MaxTargetLength)
        {
            return $"The target must be at most {MaxTargetLength} characters long.";
        }

        foreach (var c in target)
        {
            if (char.IsControl(c))
            {
                return "The target must not contain control characters.";
            }
        }

        return null;
    }

    /// <summary>Checks an answer against the limits.</summary>
    /// <param name="request">The answer to check.</param>
    /// <returns>The errors by JSON field name (camel case); empty when the answer is valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(SubmitAnswerRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        Dictionary<string, string[]>? errors = null;

        if (ValidateTarget(request.Target) is { } targetError)
        {
            (errors ??= [])["target"] = [targetError];
        }

        if (!Enum.IsDefined(request.Kind))
        {
            (errors ??= [])["kind"] = [$"The kind must be one of: {string.Join(", ", FeedbackKindNames.All)}."];
        }
        else
        {
            var scale = ScaleOf(request.Kind);
            if (!scale.Contains(request.Score))
            {
                (errors ??= [])["score"] = [$"The score must be between {scale.Min} and {scale.Max}."];
            }
        }

        foreach (var (field, message) in ValidateContext(request))
        {
            (errors ??= [])[field] = [message];
        }

        return errors ?? s_noErrors;
    }

    /// <summary>Checks an optional segment or touchpoint.</summary>
    /// <param name="tag">The value; <see langword="null"/> is valid.</param>
    /// <param name="name">The field's name, for the message.</param>
    /// <returns>A message, or <see langword="null"/> when the value is valid.</returns>
    public static string? ValidateTag(string? tag, string name)
    {
        if (tag is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(tag) || tag.Length > MaxTagLength || tag.Any(char.IsControl))
        {
            return $"The {name} must be 1 to {MaxTagLength} characters long, without control characters.";
        }

        return null;
    }

    /// <summary>Checks an optional visitor id: letters, digits, '-' and '_' only.</summary>
    /// <param name="visitorId">The value; <see langword="null"/> is valid.</param>
    /// <returns>A message, or <see langword="null"/> when the value is valid.</returns>
    public static string? ValidateVisitorId(string? visitorId) =>
        visitorId is null
        || (visitorId.Length is >= MinVisitorIdLength and <= MaxVisitorIdLength && visitorId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            ? null
            : $"The visitor id must be {MinVisitorIdLength} to {MaxVisitorIdLength} letters, digits, '-' or '_'.";

    /// <summary>Checks an optional BCP 47 locale tag such as <c>pl-PL</c>.</summary>
    /// <param name="locale">The value; <see langword="null"/> is valid.</param>
    /// <returns>A message, or <see langword="null"/> when the value is valid.</returns>
    public static string? ValidateLocale(string? locale) =>
        locale is null
        || (locale.Length is >= 2 and <= MaxLocaleLength && char.IsAsciiLetter(locale[0]) && locale.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
            ? null
            : "The locale must be a language tag such as 'en' or 'pl-PL'.";

    /// <summary>Checks an optional page path.</summary>
    /// <param name="pagePath">The value; <see langword="null"/> is valid.</param>
    /// <returns>A message, or <see langword="null"/> when the value is valid.</returns>
    public static string? ValidatePagePath(string? pagePath) =>
        pagePath is null
        || (pagePath.Length <= MaxPagePathLength && pagePath.StartsWith('/') && !pagePath.StartsWith("//", StringComparison.Ordinal) && !pagePath.Any(c => char.IsControl(c) || char.IsWhiteSpace(c)))
            ? null
            : $"The page path must start with '/' and be at most {MaxPagePathLength} characters without spaces.";

    /// <summary>Checks the context every answer, vote and comment may carry.</summary>
    /// <param name="context">The context.</param>
    /// <returns>Each invalid field (by JSON name) with its message.</returns>
    public static IEnumerable<(string Field, string Message)> ValidateContext(FeedbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (ValidateVisitorId(context.VisitorId) is { } visitorError)
        {
            yield return ("visitorId", visitorError);
        }

        foreach (var dimension in ContextDimension.All)
        {
            if (dimension.Validate(dimension.ValueOf(context)) is { } error)
            {
                yield return (dimension.Name, error);
            }
        }
    }

    private static readonly Dictionary<string, string[]> s_noErrors = [];
}
