using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Reads a target's published comments, newest first, a page at a time.</summary>
internal sealed class ReadComments(Database database)
{
    public const int MaxPage = 100_000;
    public const string PageError = "The page must be a whole number from 1 to 100000.";
    public static readonly string PageSizeError = $"The page size must be a whole number from 1 to {CommentLimits.MaxPageSize}.";

    public CommentPage Run(string? target, int page = 1, int pageSize = 10)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            throw QuickPollRefusal.Invalid("target", targetError);
        }

        if (page is < 1 or > MaxPage)
        {
            throw QuickPollRefusal.Invalid("page", PageError);
        }

        if (pageSize is < 1 or > CommentLimits.MaxPageSize)
        {
            throw QuickPollRefusal.Invalid("pageSize", PageSizeError);
        }

        return database.Read(query => CommentStore.Published(query, target!, page, pageSize));
    }
}
