using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Site;

/// <summary>The review policy a page shows is the site's real configuration.</summary>
public sealed class SiteEndpointsTests : IDisposable
{
    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task The_policy_reports_the_sites_real_moderation_and_verification()
    {
        using var holding = new QuickPollServerFactory(_database, o => (o.CommentModeration, o.VisitorCookie) = (CommentModeration.HoldAll, true));

        var policy = await holding.CreateSdk().GetSitePolicyAsync();

        Assert.Equal(new SitePolicy(ModerationPolicy.HoldAll, VerifiesPurchases: true, OneAnswerPerVisitor: true), policy);
    }

    [Fact]
    public async Task A_site_without_an_order_token_secret_says_it_does_not_verify_purchases()
    {
        using var plain = new QuickPollServerFactory(_database, o => o.OrderTokenSecret = null);

        var policy = await plain.CreateSdk().GetSitePolicyAsync();

        Assert.Equal(new SitePolicy(ModerationPolicy.PublishUnlessFlagged, VerifiesPurchases: false, OneAnswerPerVisitor: false), policy);
    }
}
