using Microsoft.Extensions.Options;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Application;

/// <summary>How the site moderates comments and verifies purchases, from its real settings, for a page's review policy.</summary>
internal sealed class ReadSitePolicy(IOptions<QuickPollServerOptions> options)
{
    public SitePolicy Run() => Of(options.Value);

    public static SitePolicy Of(QuickPollServerOptions options) => new(
        options.CommentModeration == CommentModeration.HoldAll ? ModerationPolicy.HoldAll : ModerationPolicy.PublishUnlessFlagged,
        !string.IsNullOrEmpty(options.OrderTokenSecret),
        options.VisitorCookie);
}
