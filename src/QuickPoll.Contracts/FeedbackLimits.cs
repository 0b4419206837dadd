namespace QuickPoll.Contracts;

/// <summary>
/// The limits every answer must respect. The server enforces them and the components and SDK
/// use the same values, so a visitor never meets a limit the server would not accept.
/// </summary>
public static class FeedbackLimits
{
    /// <summary>The longest accepted target (a product SKU or any id of what is rated), in characters.</summary>
    public const int MaxTargetLength = 128;

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

        return errors ?? s_noErrors;
    }

    private static readonly Dictionary<string, string[]> s_noErrors = [];
}
