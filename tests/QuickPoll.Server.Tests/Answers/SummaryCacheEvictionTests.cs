using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Answers;

/// <summary>
/// A summary cache far smaller than the targets answered: entries come and go while answers and reads arrive at once,
/// and every receipt and every read still shows exact figures.
/// </summary>
public sealed class SummaryCacheEvictionTests : IDisposable
{
    private readonly TestDatabase _database = TestDatabase.Create(QuickPollStorageProvider.Sqlite);
    private readonly QuickPollServerFactory _factory;

    public SummaryCacheEvictionTests() => _factory = new QuickPollServerFactory(_database, o => o.SummaryCacheSize = 3);

    public void Dispose()
    {
        _factory.Dispose();
        _database.Dispose();
    }

    [Fact]
    public async Task Receipts_and_reads_stay_exact_while_a_small_cache_drops_entries()
    {
        var sdk = _factory.CreateSdk();
        var targets = Enumerable.Range(0, 8).Select(i => $"product-{i}").ToArray();
        var submissions = Enumerable.Range(0, 400).Select(i => sdk.SubmitAnswerAsync(new SubmitAnswerRequest(targets[i % targets.Length], i % 5 + 1)));
        var reads = Enumerable.Range(0, 400).Select(async i => (await sdk.GetSummaryAsync(targets[i * 3 % targets.Length])).Count);

        var receipts = await Task.WhenAll(submissions);
        var readCounts = await Task.WhenAll(reads);

        CounterRecount.AssertCountersMatchTables(_factory.Services.GetRequiredService<Database>());
        Assert.All(readCounts, count => Assert.InRange(count, 0, 50));
        foreach (var target in targets)
        {
            var final = await sdk.GetSummaryAsync(target);
            Assert.Equal(50, final.Count);
            var ofTarget = receipts.Select(r => r.Summary).Where(s => s.Target == target).ToList();
            // A receipt shows its group's figures: at least its own answer, and the last one all fifty, exactly.
            Assert.Equal(50, ofTarget.Count);
            Assert.All(ofTarget, s => Assert.InRange(s.Count, 1, 50));
            var last = ofTarget.MaxBy(s => s.Count)!;
            Assert.Equal(50, last.Count);
            Assert.Equal(final.Distribution, last.Distribution);
            Assert.Equal(final.Average, last.Average);
        }

        Assert.InRange(_factory.Services.GetRequiredService<SummaryCache>().Count, 0, 3);
    }
}
