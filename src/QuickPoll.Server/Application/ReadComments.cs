using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Reads a target's published comments, newest first, a page at a time.</summary>
internal sealed class ReadComments(Database database)
{
    public CommentPage Run(string? target, int page = 1, int pageSize = 10)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        Paging.Check(page, pageSize);

        return database.Read(query => CommentStore.Published(query, target!, page, pageSize));
    }
}
