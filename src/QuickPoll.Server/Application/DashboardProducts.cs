using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Insights;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The staff dashboard's products: every product's figures for a period, and one product's figures with its latest comments.</summary>
internal sealed class DashboardProducts(Database database, IOptions<QuickPollServerOptions> options)
{
    /// <summary>Each kind's figures per product, in the order of <see cref="FeedbackKind"/>.</summary>
    public IReadOnlyList<InsightsBreakdown> All(DateTimeOffset from, DateTimeOffset to) =>
        database.Read(query => Enum.GetValues<FeedbackKind>()
            .Select(kind => InsightsQuery.Breakdown(query, kind, "target", from, to, null, options.Value.MinimumSample))
            .ToList());

    /// <summary>One product's figures and its latest 20 comments that visitors see or that wait for moderation.</summary>
    public (InsightsOverview Overview, IReadOnlyList<ModeratedComment> Comments) One(string target, DateTimeOffset from, DateTimeOffset to)
    {
        var (overview, comments) = database.Read(query => (
            InsightsQuery.Overview(query, from, to, target, options.Value.MinimumSample),
            CommentStore.ForStaff(query, null, target, null, null, 1, 40)));
        // Rejected comments are staff's decision already; the page shows what visitors see and what waits.
        return (overview, comments.Items.Where(c => c.Status != CommentStatus.Rejected).Take(20).ToList());
    }
}
