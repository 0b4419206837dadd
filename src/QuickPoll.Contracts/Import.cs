namespace QuickPoll.Contracts;

/// <summary>Earlier feedback to bring into QuickPoll, for example from the tool a shop used before, with its original dates.</summary>
public sealed record FeedbackImport
{
    /// <summary>The answers, up to <see cref="ImportLimits.MaxItems"/> together with the comments.</summary>
    public IReadOnlyList<ImportedAnswer> Answers { get; init; } = [];

    /// <summary>The comments, up to <see cref="ImportLimits.MaxItems"/> together with the answers.</summary>
    public IReadOnlyList<ImportedComment> Comments { get; init; } = [];
}

/// <summary>An answer given before it was imported.</summary>
/// <param name="Target">What was rated.</param>
/// <param name="Kind">The scale.</param>
/// <param name="Score">The score on that scale.</param>
/// <param name="CreatedAt">When the visitor gave it; not in the future.</param>
public sealed record ImportedAnswer(string Target, FeedbackKind Kind, int Score, DateTimeOffset CreatedAt) : FeedbackContext;

/// <summary>A comment written before it was imported.</summary>
/// <param name="Target">What the comment is about.</param>
/// <param name="Text">The comment, as plain text.</param>
/// <param name="CreatedAt">When the visitor wrote it; not in the future.</param>
public sealed record ImportedComment(string Target, string Text, DateTimeOffset CreatedAt) : FeedbackContext
{
    /// <summary>An optional star rating, 1 to 5.</summary>
    public int? Rating { get; init; }

    /// <summary>An optional name to show beside the comment.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Its moderation state; <see langword="null"/> lets the site's moderation rules decide, as for a new comment.</summary>
    public CommentStatus? Status { get; init; }
}

/// <summary>How much an import stored.</summary>
/// <param name="Answers">The answers stored.</param>
/// <param name="Comments">The comments stored.</param>
public sealed record FeedbackImportResult(int Answers, int Comments);

/// <summary>The limits of one import.</summary>
public static class ImportLimits
{
    /// <summary>The most answers and comments one import carries; split larger histories into several imports.</summary>
    public const int MaxItems = 5000;

    /// <summary>The largest import request body, in bytes.</summary>
    public const int MaxRequestBodyBytes = 4 * 1024 * 1024;

    /// <summary>Checks an import: each item as a submission of its kind, plus its date.</summary>
    /// <param name="import">The import.</param>
    /// <param name="now">The current time: no item may be dated after it.</param>
    /// <returns>The errors by field path (for example <c>answers[3].score</c>); empty when the import is valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(FeedbackImport import, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(import);
        var errors = new Dictionary<string, string[]>();
        var answers = import.Answers ?? [];
        var comments = import.Comments ?? [];
        if (answers.Count + comments.Count is 0 or > MaxItems)
        {
            errors["answers"] = [$"Import 1 to {MaxItems} answers and comments at a time."];
            return errors;
        }

        for (var i = 0; i < answers.Count; i++)
        {
            var answer = answers[i];
            if (answer is null)
            {
                errors[$"answers[{i}]"] = ["The answer must be an object."];
                continue;
            }

            var asSubmitted = ContextDimension.CopyContext(answer, new SubmitAnswerRequest(answer.Target, answer.Score) { Kind = answer.Kind });
            Collect(errors, $"answers[{i}]", FeedbackLimits.Validate(asSubmitted), answer.CreatedAt, now);
        }

        for (var i = 0; i < comments.Count; i++)
        {
            var comment = comments[i];
            if (comment is null)
            {
                errors[$"comments[{i}]"] = ["The comment must be an object."];
                continue;
            }

            var asSubmitted = ContextDimension.CopyContext(
                comment, new SubmitCommentRequest(comment.Target, comment.Text) { Rating = comment.Rating, DisplayName = comment.DisplayName });
            Collect(errors, $"comments[{i}]", CommentLimits.Validate(asSubmitted), comment.CreatedAt, now);
            if (comment.Status is { } status && !Enum.IsDefined(status))
            {
                errors[$"comments[{i}].status"] = ["The status must be published, held or rejected."];
            }
        }

        return errors;
    }

    private static void Collect(Dictionary<string, string[]> errors, string path, IReadOnlyDictionary<string, string[]> itemErrors, DateTimeOffset createdAt, DateTimeOffset now)
    {
        foreach (var (field, messages) in itemErrors)
        {
            errors[$"{path}.{field}"] = messages;
        }

        if (createdAt > now || createdAt.Year < 2000)
        {
            errors[$"{path}.createdAt"] = ["The date must be between 2000-01-01 and now."];
        }
    }
}
