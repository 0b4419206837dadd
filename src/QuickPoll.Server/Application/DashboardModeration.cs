using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The staff dashboard's moderation queue: comments filtered by status, rating and hold reason; approving, rejecting and deleting them.</summary>
internal sealed class DashboardModeration(Database database, WriteQueue writes)
{
    public ModerationPage Read(CommentStatus status, string? holdReason, int? rating, int page, int pageSize) =>
        database.Read(query => CommentStore.ForStaff(query, status, null, holdReason, rating, page, pageSize));

    /// <summary>Approves or rejects the comments; answers how many changed.</summary>
    public async Task<int> DecideAsync(IReadOnlyList<long> commentIds, CommentStatus status, CancellationToken cancellationToken)
    {
        if (commentIds.Count > CommentLimits.MaxModerationBatch)
        {
            throw QuickPollRefusal.Invalid("id", $"Select at most {CommentLimits.MaxModerationBatch} comments at once.");
        }

        var result = await writes.WriteAsync(new Comments.ModerateComments(new ModerationDecision(commentIds, status)), cancellationToken);
        return result.Updated;
    }

    /// <summary>Deletes one comment for good, whatever its status; <see langword="false"/> when it was gone already.</summary>
    public Task<bool> DeleteAsync(long commentId, CancellationToken cancellationToken) =>
        writes.WriteAsync(new Comments.DeleteComment(commentId), cancellationToken);
}
