using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace QuickPoll.Contracts;

/// <summary>Where a comment stands in moderation.</summary>
public enum CommentStatus
{
    /// <summary>Shown on the site.</summary>
    [JsonStringEnumMemberName("published"), EnumMember(Value = "published")]
    Published = 0,

    /// <summary>Waiting for staff to approve or reject it.</summary>
    [JsonStringEnumMemberName("held"), EnumMember(Value = "held")]
    Held = 1,

    /// <summary>Rejected by staff; never shown.</summary>
    [JsonStringEnumMemberName("rejected"), EnumMember(Value = "rejected")]
    Rejected = 2,
}

/// <summary>A visitor's written opinion (a review) about a target.</summary>
/// <param name="Target">What the comment is about, for example a product SKU.</param>
/// <param name="Text">The comment, as plain text (never HTML), up to <see cref="CommentLimits.MaxTextLength"/> characters.</param>
public sealed record SubmitCommentRequest(string Target, string Text) : FeedbackContext
{
    /// <summary>An optional star rating, 1 to 5.</summary>
    public int? Rating { get; init; }

    /// <summary>An optional name to show beside the comment.</summary>
    public string? DisplayName { get; init; }

    /// <summary>A signed order token from the shop's backend: the comment is then marked as a verified purchase.</summary>
    public string? OrderToken { get; init; }

    /// <summary>
    /// The token of the comment form (<see cref="CommentForm.FormToken"/>), fetched for this target when the form is shown. The server
    /// refuses a comment sent sooner after that than a person could write one, a token given for another target or site, and a token
    /// already used, unless the site turned the check off.
    /// </summary>
    public string? FormToken { get; init; }

    /// <summary>
    /// The form's honeypot, a field people never see: leave it empty. A comment with it filled is answered as if held for
    /// moderation (with comment id 0) and is never stored.
    /// </summary>
    public string? Website { get; init; }
}

/// <summary>What a comment form needs before a visitor writes: a token for one comment about its target, to send back with it.</summary>
/// <param name="FormToken">Send it back as <see cref="SubmitCommentRequest.FormToken"/> with one comment about the same target; it is valid for 2 hours unless the site chose otherwise.</param>
/// <param name="MinimumSeconds">How many seconds must pass between fetching the token and sending the comment; 0 when the check is off.</param>
public sealed record CommentForm(string FormToken, int MinimumSeconds);

/// <summary>The server's answer to a stored comment.</summary>
/// <param name="CommentId">The stored comment's id.</param>
/// <param name="Status">Published at once, or held for staff.</param>
public sealed record CommentReceipt(long CommentId, CommentStatus Status)
{
    /// <summary>Why the comment was held: <c>"moderation"</c> (every comment is held), <c>"link"</c> or <c>"word"</c>.</summary>
    public string? HoldReason { get; init; }

    /// <summary>Whether a valid order token marked the comment as a verified purchase.</summary>
    public bool VerifiedPurchase { get; init; }
}

/// <summary>A published comment as everyone sees it.</summary>
/// <param name="Id">The comment's id.</param>
/// <param name="Text">The comment as plain text: render it as text, never as HTML.</param>
/// <param name="Rating">The star rating given with it, if any.</param>
/// <param name="DisplayName">The name the visitor chose to show, if any.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="VerifiedPurchase">Whether the shop confirmed the writer bought the product.</param>
public sealed record PublishedComment(long Id, string Text, int? Rating, string? DisplayName, DateTimeOffset CreatedAt, bool VerifiedPurchase);

/// <summary>One page of a target's published comments, newest first.</summary>
/// <param name="Items">The comments on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The most comments a page holds.</param>
/// <param name="Total">How many published comments the target has.</param>
public sealed record CommentPage(IReadOnlyList<PublishedComment> Items, int Page, int PageSize, long Total);

/// <summary>A comment as staff see it in moderation.</summary>
/// <param name="Id">The comment's id.</param>
/// <param name="Target">What the comment is about.</param>
/// <param name="Text">The comment as plain text.</param>
/// <param name="Rating">The star rating given with it, if any.</param>
/// <param name="DisplayName">The name the visitor chose to show, if any.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="Status">Where it stands in moderation.</param>
/// <param name="HoldReason">Why it was held, if it was.</param>
/// <param name="VerifiedPurchase">Whether an order token verified it.</param>
public sealed record ModeratedComment(
    long Id, string Target, string Text, int? Rating, string? DisplayName, DateTimeOffset CreatedAt, CommentStatus Status, string? HoldReason, bool VerifiedPurchase)
{
    /// <summary>The writer's segment, if given.</summary>
    public string? Segment { get; init; }
}

/// <summary>One page of comments in moderation, newest first.</summary>
/// <param name="Items">The comments on this page.</param>
/// <param name="Page">The page number, from 1.</param>
/// <param name="PageSize">The most comments a page holds.</param>
/// <param name="Total">How many comments match.</param>
public sealed record ModerationPage(IReadOnlyList<ModeratedComment> Items, int Page, int PageSize, long Total);

/// <summary>Staff's decision on one or more comments.</summary>
/// <param name="CommentIds">The comments decided on.</param>
/// <param name="Status"><see cref="CommentStatus.Published"/> to approve, <see cref="CommentStatus.Rejected"/> to reject.</param>
public sealed record ModerationDecision(IReadOnlyList<long> CommentIds, CommentStatus Status);

/// <summary>The result of a moderation decision.</summary>
/// <param name="Updated">How many of the comments were found and changed.</param>
public sealed record ModerationResult(int Updated);

/// <summary>The limits of comments.</summary>
public static class CommentLimits
{
    /// <summary>The longest comment, in characters.</summary>
    public const int MaxTextLength = 2000;

    /// <summary>The longest display name, in characters.</summary>
    public const int MaxDisplayNameLength = 60;

    /// <summary>The largest page of comments.</summary>
    public const int MaxPageSize = 50;

    /// <summary>The most comments one moderation decision covers.</summary>
    public const int MaxModerationBatch = 200;

    /// <summary>Checks a comment.</summary>
    /// <param name="comment">The comment.</param>
    /// <returns>The errors by JSON field name; empty when the comment is valid.</returns>
    public static IReadOnlyDictionary<string, string[]> Validate(SubmitCommentRequest comment)
    {
        ArgumentNullException.ThrowIfNull(comment);
        var errors = new Dictionary<string, string[]>();
        if (FeedbackLimits.ValidateTarget(comment.Target) is { } targetError)
        {
            errors["target"] = [targetError];
        }

        if (string.IsNullOrWhiteSpace(comment.Text) || comment.Text.Length > MaxTextLength)
        {
            errors["text"] = [$"The comment must be 1 to {MaxTextLength} characters long."];
        }
        else if (comment.Text.Any(c => char.IsControl(c) && c is not ('\n' or '\r' or '\t')))
        {
            errors["text"] = ["The comment must not contain control characters."];
        }

        if (comment.Rating is { } rating && !FeedbackLimits.ScaleOf(FeedbackKind.Stars).Contains(rating))
        {
            errors["rating"] = ["The rating must be between 1 and 5."];
        }

        if (comment.DisplayName is { } name
            && (string.IsNullOrWhiteSpace(name) || name.Length > MaxDisplayNameLength || name.Any(char.IsControl)))
        {
            errors["displayName"] = [$"The display name must be 1 to {MaxDisplayNameLength} characters long, on one line."];
        }

        foreach (var (field, message) in FeedbackLimits.ValidateContext(comment))
        {
            errors[field] = [message];
        }

        return errors;
    }
}
