using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Privacy;

public sealed class SqliteVisitorErasureTests() : VisitorErasureTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlVisitorErasureTests() : VisitorErasureTests(QuickPollStorageProvider.PostgreSql);

public abstract class VisitorErasureTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private const string Erased = "visitor-erase-me";
    private const string Kept = "visitor-keep-me";

    [Fact]
    public async Task Erasing_a_visitor_removes_exactly_their_answers_votes_and_comments_and_uncounts_them()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var poll = await admin.CreatePollAsync(Poll());
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = Erased, Segment = "returning", Locale = "pl" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { VisitorId = Erased, Segment = "returning", Touchpoint = "product-page" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 9) { VisitorId = Erased, Kind = FeedbackKind.Nps });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("tee-002", 4) { VisitorId = Erased });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price", "quality"]) { VisitorId = Erased, Segment = "returning" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Erase me, please.") { VisitorId = Erased, DisplayName = "Ola" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 3) { VisitorId = Kept, Segment = "returning" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1));
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { VisitorId = Kept, Segment = "returning" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Keep me.") { VisitorId = Kept });

        var erased = await admin.EraseVisitorAsync(Erased);

        Assert.Equal(new VisitorErasure(Answers: 3, PollVotes: 1, Comments: 1), erased);
        var stars = await sdk.GetSummaryAsync("mug-001");
        Assert.Equal(2, stars.Count);
        Assert.Equal([1L, 0L, 1L, 0L, 0L], stars.Distribution);
        var returning = await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "returning" });
        Assert.Equal(1, returning.Count);
        Assert.Equal(3.0, returning.Average);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Touchpoint = "product-page" })).Count);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Nps)).Count);
        Assert.Equal(0, (await sdk.GetSummaryAsync("tee-002")).Count);
        var results = await sdk.GetPollResultsAsync(poll.Id);
        Assert.Equal(1, results.Voters);
        Assert.Equal([0L, 1L], results.Choices.Select(c => c.Count));
        var bySegment = await admin.GetPollResultsAsync(poll.Id, breakdown: "segment");
        Assert.Equal(1, Assert.Single(bySegment.Groups).Results.Voters);
        var comments = await sdk.GetCommentsAsync("mug-001");
        Assert.Equal(["Keep me."], comments.Items.Select(c => c.Text));
        Assert.Equal(1, (await admin.GetCommentsForModerationAsync()).Total);
        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task Erasing_again_erases_nothing()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = Erased });

        await admin.EraseVisitorAsync(Erased);
        var again = await admin.EraseVisitorAsync(Erased);
        var unknown = await admin.EraseVisitorAsync("visitor-never-seen");

        Assert.Equal(new VisitorErasure(0, 0, 0), again);
        Assert.Equal(new VisitorErasure(0, 0, 0), unknown);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001")).Count);
    }

    [Fact]
    public async Task A_visitor_who_answers_again_after_erasure_counts_once()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = Erased });
        await admin.EraseVisitorAsync(Erased);

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { VisitorId = Erased });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = Erased });

        var summary = await sdk.GetSummaryAsync("mug-001");
        Assert.Equal(1, summary.Count);
        Assert.Equal(4.0, summary.Average);
        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task Erasing_needs_the_admin_key_and_a_well_formed_visitor_id()
    {
        var unauthorized = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk(adminKey: null).EraseVisitorAsync(Erased));
        var malformed = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk().EraseVisitorAsync("x"));

        Assert.Equal(HttpStatusCode.Unauthorized, unauthorized.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode);
        Assert.True(malformed.Errors.ContainsKey("visitorId"));
    }

    private static PollDefinition Poll() => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ])
    {
        AllowMultiple = true,
    };
}
