using System.Net;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using ReadSummary = QuickPoll.Server.Application.ReadSummary;

namespace QuickPoll.Server.Tests.Memory;

/// <summary>
/// Whatever targets callers make up, the memory the server keeps stays the same: measured as the heap left after a
/// full collection, before and after.
/// </summary>
[Collection(MeasuresMemory.Name)]
public sealed class BoundedMemoryTests() : ServerTestBase(QuickPollStorageProvider.Sqlite)
{
    // Far below what holding each target would take (a few hundred bytes each), far above the collector's noise.
    private const long AllowedGrowth = 4 * 1024 * 1024;

    [Fact]
    public async Task A_million_summary_reads_of_made_up_targets_keep_no_memory()
    {
        var reader = Factory.Services.GetRequiredService<ReadSummary>();
        var sdk = Factory.CreateSdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("real-product", 5));
        ReadMadeUp(reader, "warm-up", 10_000);

        var before = await RetainedHeap.SettledBytesAsync();
        ReadMadeUp(reader, "made-up", 1_000_000);
        var after = RetainedHeap.Bytes();

        Assert.InRange(after - before, long.MinValue, AllowedGrowth);
        // The one target with answers is still served, from memory.
        Assert.Equal(1, reader.Read("real-product", FeedbackKind.Stars).Count);
        Assert.Equal(1, Factory.Services.GetRequiredService<SummaryCache>().Count);
    }

    [Fact]
    public async Task Summary_reads_of_made_up_targets_over_HTTP_keep_no_memory()
    {
        using var client = Factory.CreateClient();
        await ReadOverHttp(client, "warm-up", 2_000);

        var before = await RetainedHeap.SettledBytesAsync();
        await ReadOverHttp(client, "made-up", 30_000);
        var after = RetainedHeap.Bytes();

        Assert.InRange(after - before, long.MinValue, AllowedGrowth);
        Assert.Equal(0, Factory.Services.GetRequiredService<SummaryCache>().Count);
    }

    private static void ReadMadeUp(ReadSummary reader, string prefix, int count) =>
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = 2 }, i =>
            Assert.Equal(0, reader.Read($"{prefix}-{i:x8}-{new string('x', 100)}", FeedbackKind.Stars).Count));

    private static async Task ReadOverHttp(HttpClient client, string prefix, int count)
    {
        for (var i = 0; i < count; i += 8)
        {
            await Task.WhenAll(Enumerable.Range(i, 8).Select(async n =>
            {
                using var response = await client.GetAsync($"/api/v1/summaries?target={prefix}-{n:x8}&kind=stars");
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }));
        }
    }
}
