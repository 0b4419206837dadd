using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Answers;

public sealed class SqliteGroupCommitTests() : GroupCommitTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlGroupCommitTests() : GroupCommitTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Many answers arriving at once share groups: each group adds its moves up before it writes the counters.</summary>
public abstract class GroupCommitTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task Answers_and_re_votes_committed_together_leave_exact_counters()
    {
        var sdk = Factory.CreateSdk();
        // One target read before (its summary held in memory where the store allows), one never read.
        await sdk.GetSummaryAsync("read-before");
        string[] segments = ["first-time", "returning"];
        string[] locales = ["en", "pl-PL"];

        // Each visitor answers twice at once, with other scores and context: whichever lands last is their answer.
        var submissions = Enumerable.Range(0, 120).SelectMany(i => new[]
        {
            new SubmitAnswerRequest(i % 2 == 0 ? "read-before" : "never-read", i % 5 + 1)
            {
                VisitorId = $"visitor-{i % 40:0000}", Segment = segments[i % 2], Locale = locales[i / 2 % 2],
                JourneyStage = JourneyStage.Use,
            },
            new SubmitAnswerRequest(i % 2 == 0 ? "read-before" : "never-read", (i + 2) % 5 + 1)
            {
                VisitorId = $"visitor-{i % 40:0000}", Segment = segments[(i + 1) % 2], Touchpoint = "product-page",
            },
        });
        await Task.WhenAll(submissions.Select(s => sdk.SubmitAnswerAsync(s)));

        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
        Assert.Equal(20, (await sdk.GetSummaryAsync("read-before")).Count);
        Assert.Equal(20, (await sdk.GetSummaryAsync("never-read")).Count);
    }

    [Fact]
    public async Task The_last_receipt_of_a_burst_shows_every_answer_of_the_burst()
    {
        var sdk = Factory.CreateSdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1));
        await sdk.GetSummaryAsync("mug-001");

        var receipts = await Task.WhenAll(Enumerable.Range(0, 150).Select(i =>
            sdk.SubmitAnswerAsync(new SubmitAnswerRequest(i % 3 == 0 ? "tee-002" : "mug-001", i % 5 + 1) { Segment = "returning" })));

        foreach (var target in new[] { "mug-001", "tee-002" })
        {
            var final = await sdk.GetSummaryAsync(target);
            var ofTarget = receipts.Select(r => r.Summary).Where(s => s.Target == target).ToList();
            var last = ofTarget.MaxBy(s => s.Count)!;
            Assert.Equal(final.Count, last.Count);
            Assert.Equal(final.Distribution, last.Distribution);
            Assert.Equal(final.Average, last.Average);

            // No receipt shows fewer answers than had been stored before the burst plus its own.
            Assert.All(ofTarget, s => Assert.InRange(s.Count, target == "mug-001" ? 2 : 1, final.Count));
        }

        Assert.Equal(101, (await sdk.GetSummaryAsync("mug-001")).Count);
        Assert.Equal(50, (await sdk.GetSummaryAsync("tee-002", FeedbackKind.Stars, new SummaryFilter { Segment = "returning" })).Count);
    }
}
