using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Reads a target's published comments, newest first, a page at a time; the first page through the cache where this process is the only writer.</summary>
internal sealed class ReadComments(Database database, PublishedCommentCache cache)
{
    public CommentPage Run(string? target, int page = 1, int pageSize = 10)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        Paging.Check(page, pageSize);

        return cache.GetOrRead(target!, page, pageSize, () => database.Read(query => CommentStore.Published(query, target!, page, pageSize)));
    }
}
