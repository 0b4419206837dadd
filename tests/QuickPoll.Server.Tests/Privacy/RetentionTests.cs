using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Privacy;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Privacy;

public sealed class SqliteRetentionTests() : RetentionTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlRetentionTests() : RetentionTests(QuickPollStorageProvider.PostgreSql);

/// <summary>The retention period on a manual clock: the hourly sweep's timer fires only when the test moves time.</summary>
public abstract class RetentionTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset Start = new(2026, 1, 5, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task The_hourly_sweep_deletes_only_rows_past_the_period_and_counters_stay_equal_to_a_recount()
    {
        var clock = new ManualClock(Start);
        var host = Factory.WithClock(clock, o => o.RetentionDays = 30);
        var (sdk, admin) = (host.Sdk(), host.AdminSdk());
        await PrivacyHosts.WaitUntil(() => clock.WaitingTimers > 0, "the start-up sweep is done");
        var poll = await admin.CreatePollAsync(Poll());
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = "visitor-old-0001", Segment = "returning" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1) { Locale = "pl" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-old-0001", Segment = "returning" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Old news."));

        // 20 days on, the hourly sweep has nothing old enough to delete.
        clock.Advance(TimeSpan.FromDays(20));
        await PrivacyHosts.WaitUntil(() => clock.WaitingTimers > 0, "the sweep at day 20 is done");
        Assert.Equal(2, (await sdk.GetSummaryAsync("mug-001")).Count);
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 3) { VisitorId = "visitor-new-0001", Segment = "returning" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { VisitorId = "visitor-new-0001", Segment = "returning" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Fresh."));

        // 31 days after the first rows, they are past the period; the day-20 rows are not.
        clock.Advance(TimeSpan.FromDays(11));
        await PrivacyHosts.WaitUntil(() => clock.WaitingTimers > 0, "the sweep at day 31 is done");

        var summary = await sdk.GetSummaryAsync("mug-001");
        Assert.Equal(1, summary.Count);
        Assert.Equal(3.0, summary.Average);
        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "returning" })).Count);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Locale = "pl" })).Count);
        var results = await sdk.GetPollResultsAsync(poll.Id);
        Assert.Equal(1, results.Voters);
        Assert.Equal([0L, 1L], results.Choices.Select(c => c.Count));
        Assert.Equal(["Fresh."], (await sdk.GetCommentsAsync("mug-001")).Items.Select(c => c.Text));
        Assert.Single(await admin.ListPollsAsync());
        CounterRecount.AssertCountersMatchTables(host.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task A_server_starting_after_the_period_deletes_old_rows_at_once()
    {
        var then = new ManualClock(Start);
        var before = Factory.WithClock(then);
        await before.Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { Segment = "returning" });
        await before.Sdk().SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Old news."));
        before.Dispose();

        var now = new ManualClock(Start.AddDays(45));
        var after = Factory.WithClock(now, o => o.RetentionDays = 30);
        var sdk = after.Sdk();
        await PrivacyHosts.WaitUntil(() => now.WaitingTimers > 0, "the start-up sweep is done");

        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(0, (await sdk.GetCommentsAsync("mug-001")).Total);
        CounterRecount.AssertCountersMatchTables(after.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task A_sweep_deletes_in_bounded_batches_until_nothing_old_is_left()
    {
        var clock = new ManualClock(Start);
        var host = Factory.WithClock(clock, o => o.RetentionDays = 7);
        var (sdk, admin) = (host.Sdk(), host.AdminSdk());
        var poll = await admin.CreatePollAsync(Poll());
        for (var i = 0; i < 5; i++)
        {
            await sdk.SubmitAnswerAsync(new SubmitAnswerRequest($"mug-00{i % 2}", i + 1) { Touchpoint = "product-page" });
            await sdk.VoteAsync(poll.Id, new PollVoteRequest([i % 2 == 0 ? "price" : "quality"]));
            await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", $"Comment {i}."));
        }

        var retention = host.Services.GetRequiredService<RetentionService>();
        retention.BatchSize = 2;
        clock.Jump(TimeSpan.FromDays(8));
        var removed = await retention.SweepAsync(CancellationToken.None);

        Assert.Equal(new RemovedFeedback(5, 5, 5), removed);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-000")).Count);
        Assert.Equal(0, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(0, (await sdk.GetPollResultsAsync(poll.Id)).Voters);
        CounterRecount.AssertCountersMatchTables(host.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task Without_a_retention_period_nothing_is_ever_deleted()
    {
        var clock = new ManualClock(Start);
        var host = Factory.WithClock(clock);
        var sdk = host.Sdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5));

        clock.Advance(TimeSpan.FromDays(3650));
        var removed = await host.Services.GetRequiredService<RetentionService>().SweepAsync(CancellationToken.None);

        Assert.True(removed.IsEmpty);
        Assert.Equal(1, (await sdk.GetSummaryAsync("mug-001")).Count);
    }

    private static PollDefinition Poll() => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ]);
}
