using System.Globalization;
using QuickPoll.Contracts;
using QuickPoll.Server.Alerts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Comments;

/// <summary>Stores a comment as plain text, published or held as the site's moderation rules decide.</summary>
internal sealed class SubmitComment(SubmitCommentRequest comment, string? holdReason, VerifiedOrder? verifiedOrder, IdempotentRequest? idempotency, AlertQueue? alerts = null)
    : IdempotentWrite<CommentReceipt>("comment", idempotency, QuickPollJsonContext.Default.CommentReceipt)
{
    private const string Purpose = "comment";
    private long _commentId;

    /// <summary>The comment form's token, claimed in this comment's transaction; null when the site does not ask for one.</summary>
    public CommentFormUse? Form { get; init; }

    // Here rather than before the queue: an idempotent retry gets its first receipt before its (now used) form token is looked at.
    protected override void Write(WriteBatch batch)
    {
        if (verifiedOrder is not null)
        {
            PurchaseProof.EnsureUnused(batch, verifiedOrder, comment.Target, Purpose, sameRow: null);
        }

        // The last check, as it writes the token's row: nothing may refuse the comment after it.
        Form?.Claim(batch, DateTimeOffset.Parse(batch.Now, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind));

        _commentId = CommentStore.Insert(
            batch, comment.Target, comment, comment.Text, comment.Rating, comment.DisplayName, holdReason is null ? CommentStatus.Published : CommentStatus.Held,
            holdReason, verified: verifiedOrder is not null, batch.Now);
        if (verifiedOrder is not null)
        {
            PurchaseProof.Claim(batch, verifiedOrder, comment.Target, Purpose, _commentId);
        }

        alerts?.CommentStored(batch, comment, _commentId, holdReason);
    }

    protected override CommentReceipt Read(WriteBatch batch) =>
        new(_commentId, holdReason is null ? CommentStatus.Published : CommentStatus.Held)
        {
            HoldReason = holdReason,
            VerifiedPurchase = verifiedOrder is not null,
        };

    protected override void ResetWrite() => _commentId = 0;
}

/// <summary>A comment whose honeypot was filled: answered as if held for moderation, with id 0, and never stored.</summary>
internal sealed class IgnoredComment : WriteOperation<CommentReceipt>
{
    public override void Execute(WriteBatch batch)
    {
    }

    protected override CommentReceipt GetResult() => new(0, CommentStatus.Held) { HoldReason = "moderation" };
}

/// <summary>
/// Approves or rejects comments, one or many at once. Rejecting deletes the text and the display name (staff see that a
/// comment was rejected, and its rating and context, never what it said), so a rejected comment cannot be approved.
/// </summary>
internal sealed class ModerateComments(ModerationDecision decision) : WriteOperation<ModerationResult>
{
    private int _updated;

    public override void Execute(WriteBatch batch)
    {
        _updated = 0;
        foreach (var id in decision.CommentIds.Distinct())
        {
            _updated += batch.Execute(
                decision.Status == CommentStatus.Rejected
                    ? "UPDATE comments SET status = 'rejected', text = '', display_name = NULL, moderated_at = @at WHERE id = @id;"
                    : "UPDATE comments SET status = 'published', moderated_at = @at WHERE id = @id AND status <> 'rejected';",
                ("@at", batch.Now), ("@id", id));
        }

        if (_updated > 0)
        {
            batch.AfterCommit(batch.Comments.ChangedAny);
        }
    }

    public override void Reset() => _updated = 0;

    protected override ModerationResult GetResult() => new(_updated);
}

/// <summary>Deletes one comment for good, with the used order token that verified it; returns whether it existed.</summary>
internal sealed class DeleteComment(long commentId) : WriteOperation<bool>
{
    private bool _deleted;

    public override void Execute(WriteBatch batch) =>
        _deleted = Privacy.FeedbackRemoval.RemoveComments(batch, "id = @id", ("@id", commentId)) > 0;

    public override void Reset() => _deleted = false;

    protected override bool GetResult() => _deleted;
}

/// <summary>Reads comments for visitors (published ones) and staff (any).</summary>
internal static class CommentStore
{
    /// <summary>
    /// Stores one comment as plain text with its context; the one INSERT live comments and imported ones share. An
    /// imported rejected comment is stored as rejection leaves one: without its text and display name.
    /// </summary>
    public static long Insert(
        WriteBatch batch, string target, FeedbackContext context, string text, int? rating, string? displayName, CommentStatus status,
        string? holdReason, bool verified, string createdAt, long? importId = null)
    {
        (text, displayName) = status == CommentStatus.Rejected ? ("", null) : (text, displayName);
        if (status == CommentStatus.Published)
        {
            batch.AfterCommit(() => batch.Comments.Changed(target));
        }

        return (long)batch.Scalar(
            $"""
            INSERT INTO comments (target, text, rating, display_name, status, hold_reason, verified, visitor_id, {ContextColumns.List}, created_at, import_id)
            VALUES (@target, @text, @rating, @name, @status, @reason, @verified, @visitor, {ContextColumns.Parameters}, @at, @import)
            RETURNING id;
            """,
            [("@target", target), ("@text", text), ("@rating", rating), ("@name", displayName?.Trim()),
                ("@status", StatusName(status)), ("@reason", holdReason), ("@verified", verified ? 1 : 0), ("@visitor", context.VisitorId),
                ("@at", createdAt), ("@import", importId), .. ContextColumns.Bind(context)])!;
    }

    public static string StatusName(CommentStatus status) => status switch
    {
        CommentStatus.Published => "published",
        CommentStatus.Held => "held",
        CommentStatus.Rejected => "rejected",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown comment status."),
    };

    public static CommentStatus ParseStatus(string name) => name switch
    {
        "published" => CommentStatus.Published,
        "held" => CommentStatus.Held,
        _ => CommentStatus.Rejected,
    };

    public static CommentPage Published(QueryRunner query, string target, int page, int pageSize)
    {
        var items = new List<PublishedComment>();
        using (var reader = query(
            """
            SELECT id, text, rating, display_name, created_at, verified FROM comments
            WHERE target = @target AND status = 'published' ORDER BY id DESC LIMIT @take OFFSET @skip;
            """,
            ("@target", target), ("@take", pageSize), ("@skip", (page - 1) * pageSize)))
        {
            while (reader.Read())
            {
                items.Add(new PublishedComment(
                    reader.GetInt64(0), reader.GetString(1), reader.IsDBNull(2) ? null : reader.GetInt32(2), reader.IsDBNull(3) ? null : reader.GetString(3),
                    Time(reader.GetString(4)), reader.GetInt32(5) != 0));
            }
        }

        using var count = query("SELECT COUNT(*) FROM comments WHERE target = @target AND status = 'published';", ("@target", target));
        count.Read();
        return new CommentPage(items, page, pageSize, count.GetInt64(0));
    }

    public static ModerationPage ForStaff(QueryRunner query, CommentStatus? status, string? target, string? holdReason, int? rating, int page, int pageSize)
    {
        // Optional filters as "(@x IS NULL OR column = @x)": one statement shape whatever is filtered.
        // The casts tell PostgreSQL the type of a parameter that is null.
        const string Where = """
            WHERE (CAST(@status AS TEXT) IS NULL OR status = @status) AND (CAST(@target AS TEXT) IS NULL OR target = @target)
              AND (CAST(@reason AS TEXT) IS NULL OR hold_reason = @reason) AND (CAST(@rating AS INTEGER) IS NULL OR rating = @rating)
            """;
        (string, object?)[] filters =
        [
            ("@status", status is null ? null : StatusName(status.Value)), ("@target", target), ("@reason", holdReason), ("@rating", rating),
        ];
        var items = new List<ModeratedComment>();
        using (var reader = query(
            $"SELECT id, target, text, rating, display_name, created_at, status, hold_reason, verified, segment FROM comments {Where} ORDER BY id DESC LIMIT @take OFFSET @skip;",
            [.. filters, ("@take", pageSize), ("@skip", (page - 1) * pageSize)]))
        {
            while (reader.Read())
            {
                items.Add(new ModeratedComment(
                    reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetInt32(3),
                    reader.IsDBNull(4) ? null : reader.GetString(4), Time(reader.GetString(5)), ParseStatus(reader.GetString(6)),
                    reader.IsDBNull(7) ? null : reader.GetString(7), reader.GetInt32(8) != 0)
                {
                    Segment = reader.IsDBNull(9) ? null : reader.GetString(9),
                });
            }
        }

        using var count = query($"SELECT COUNT(*) FROM comments {Where};", filters);
        count.Read();
        return new ModerationPage(items, page, pageSize, count.GetInt64(0));
    }

    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
