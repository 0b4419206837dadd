using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Privacy;

public sealed class SqliteCounterRowTests() : CounterRowTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlCounterRowTests() : CounterRowTests(QuickPollStorageProvider.PostgreSql);

/// <summary>A counter that falls to zero is deleted, so nothing is kept of a context value no answer or vote has any more.</summary>
public abstract class CounterRowTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task Erasing_the_only_visitor_of_a_segment_drops_the_segment_from_breakdowns_and_leaves_no_zero_row()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var poll = await admin.CreatePollAsync(Poll());
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = "visitor-only-wholesale", Segment = "wholesale", Locale = "pl" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 3) { VisitorId = "visitor-returning", Segment = "returning" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("tee-002", 2) { VisitorId = "visitor-only-wholesale" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-only-wholesale", Segment = "wholesale" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { VisitorId = "visitor-returning", Segment = "returning" });

        await admin.EraseVisitorAsync("visitor-only-wholesale");

        var bySegment = await admin.GetResultsAsync("mug-001", FeedbackKind.Stars, "segment");
        Assert.Equal(["returning"], bySegment.Groups.Select(g => g.Value));
        Assert.Equal(1, bySegment.Overall.Count);
        Assert.Empty((await admin.GetResultsAsync("mug-001", FeedbackKind.Stars, "locale")).Groups);
        var pollBySegment = await admin.GetPollResultsAsync(poll.Id, breakdown: "segment");
        Assert.Equal(["returning"], pollBySegment.Groups.Select(g => g.Value));
        Assert.Equal(1, pollBySegment.Overall.Voters);
        Assert.Equal(0, (await sdk.GetSummaryAsync("tee-002")).Count);
        AssertNoZeroRows();
        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task A_re_vote_that_moves_a_visitor_to_another_segment_and_choice_leaves_no_zero_row()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var poll = await admin.CreatePollAsync(Poll());
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = "visitor-moving", Segment = "new", Touchpoint = "email" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-moving", Segment = "new" });

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { VisitorId = "visitor-moving", Segment = "returning" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { VisitorId = "visitor-moving", Segment = "returning" });

        var summary = await sdk.GetSummaryAsync("mug-001");
        Assert.Equal([0L, 1L, 0L, 0L, 0L], summary.Distribution);
        Assert.Equal(["returning"], (await admin.GetResultsAsync("mug-001", FeedbackKind.Stars, "segment")).Groups.Select(g => g.Value));
        Assert.Empty((await admin.GetResultsAsync("mug-001", FeedbackKind.Stars, "touchpoint")).Groups);
        var results = await sdk.GetPollResultsAsync(poll.Id);
        Assert.Equal([0L, 1L], results.Choices.Select(c => c.Count));
        Assert.Equal(["returning"], (await admin.GetPollResultsAsync(poll.Id, breakdown: "segment")).Groups.Select(g => g.Value));
        AssertNoZeroRows();
        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
    }

    private void AssertNoZeroRows()
    {
        var database = Factory.Services.GetRequiredService<Database>();
        foreach (var table in new[] { "summary_counts", "context_counts", "poll_counts" })
        {
            var zeros = database.Read(query =>
            {
                using var reader = query($"SELECT COUNT(*) FROM {table} WHERE count = 0;");
                reader.Read();
                return reader.GetInt64(0);
            });
            Assert.True(zeros == 0, $"{table} keeps {zeros} rows at zero.");
        }
    }

    private static PollDefinition Poll() => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ]);
}
