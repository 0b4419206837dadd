using Microsoft.AspNetCore.Mvc;
using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The moderation queue: comments by status, target, hold reason or rating, newest first, a page at a time.</summary>
internal sealed class ReadModerationQueue(Database database)
{
    public ModerationPage Run(ModerationQueueRequest request)
    {
        CommentStatus? wanted = request.Status switch
        {
            null => null,
            "published" => CommentStatus.Published,
            "held" => CommentStatus.Held,
            "rejected" => CommentStatus.Rejected,
            _ => throw QuickPollRefusal.Invalid("status", "The status must be one of: published, held, rejected."),
        };

        if (!QueryValue.TryInt(request.Rating, out var stars))
        {
            throw QuickPollRefusal.Invalid("rating", "The rating must be a whole number.");
        }

        var (page, pageSize) = Paging.Read(request.Page, request.PageSize);
        return database.Read(query => CommentStore.ForStaff(query, wanted, request.Target, request.HoldReason, stars, page ?? 1, pageSize ?? 20));
    }
}

/// <summary>A filter of the moderation queue, as the query string gives it (each value checked by the use case).</summary>
internal sealed record ModerationQueueRequest(
    [property: FromQuery(Name = "status")] string? Status,
    [property: FromQuery(Name = "target")] string? Target,
    [property: FromQuery(Name = "holdReason")] string? HoldReason,
    [property: FromQuery(Name = "rating")] string? Rating,
    [property: FromQuery(Name = "page")] string? Page,
    [property: FromQuery(Name = "pageSize")] string? PageSize);

/// <summary>Staff approve (publish) or reject comments; a rejected comment loses its text for good.</summary>
internal sealed class ModerateComments(WriteQueue writes)
{
    public Task<ModerationResult> RunAsync(ModerationDecision decision, CancellationToken cancellationToken)
    {
        if (decision.CommentIds is null || decision.CommentIds.Count is 0 or > CommentLimits.MaxModerationBatch)
        {
            throw QuickPollRefusal.Invalid("commentIds", $"Name 1 to {CommentLimits.MaxModerationBatch} comments.");
        }

        if (decision.Status is not (CommentStatus.Published or CommentStatus.Rejected))
        {
            throw QuickPollRefusal.Invalid("status", "Decide 'published' (approve) or 'rejected'.");
        }

        return writes.WriteAsync(new Comments.ModerateComments(decision), cancellationToken);
    }
}

/// <summary>Staff delete one comment for good, whatever its status; 404 when there is no such comment (so also the second time).</summary>
internal sealed class DeleteComment(WriteQueue writes)
{
    public async Task RunAsync(string commentId, CancellationToken cancellationToken)
    {
        if (!long.TryParse(commentId, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id) || id < 1)
        {
            throw QuickPollRefusal.Invalid("commentId", "The comment id must be a whole number from 1.");
        }

        if (!await writes.WriteAsync(new Comments.DeleteComment(id), cancellationToken))
        {
            throw QuickPollRefusal.NotFound("commentId", $"There is no comment {id}.");
        }
    }
}

/// <summary>The page and page size of a listing: the one place their limits are checked.</summary>
internal static class Paging
{
    public const int MaxPage = 100_000;

    /// <summary>Reads them as the query string gives them; null where not given.</summary>
    public static (int? Page, int? PageSize) Read(string? page, string? pageSize)
    {
        var pageRead = QueryValue.TryInt(page, out var pageNumber);
        var sizeRead = QueryValue.TryInt(pageSize, out var size);
        Check(pageRead ? pageNumber ?? 1 : 0, sizeRead ? size ?? 1 : 0);
        return (pageNumber, size);
    }

    public static void Check(int page, int pageSize)
    {
        if (page is < 1 or > MaxPage)
        {
            throw QuickPollRefusal.Invalid("page", $"The page must be a whole number from 1 to {MaxPage}.");
        }

        if (pageSize is < 1 or > CommentLimits.MaxPageSize)
        {
            throw QuickPollRefusal.Invalid("pageSize", $"The page size must be a whole number from 1 to {CommentLimits.MaxPageSize}.");
        }
    }
}
