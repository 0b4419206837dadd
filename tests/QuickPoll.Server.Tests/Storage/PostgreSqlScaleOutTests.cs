using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Storage;

/// <summary>Several stateless endpoint instances behind a load balancer, sharing one PostgreSQL database.</summary>
public sealed class PostgreSqlScaleOutTests : IDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public async Task Two_instances_taking_concurrent_votes_keep_exact_counts()
    {
        using var first = new QuickPollServerFactory(_database);
        using var second = new QuickPollServerFactory(_database);
        var instances = new[] { first.CreateSdk(), second.CreateSdk() };

        // 60 anonymous answers, spread over both instances.
        var anonymous = Enumerable.Range(0, 60).Select(i =>
            instances[i % 2].SubmitAnswerAsync(new SubmitAnswerRequest("shared", i % 5 + 1)));
        // 40 visitors who each vote 1 on one instance and then 5 on the other: only the 5 counts.
        var visitors = Enumerable.Range(0, 40).Select(async i =>
        {
            var visitor = $"visitor-{i:0000}";
            await instances[i % 2].SubmitAnswerAsync(new SubmitAnswerRequest("shared", 1) { VisitorId = visitor });
            await instances[(i + 1) % 2].SubmitAnswerAsync(new SubmitAnswerRequest("shared", 5) { VisitorId = visitor });
        });
        await Task.WhenAll(anonymous.Concat(visitors));

        var fromFirst = await first.CreateSdk().GetSummaryAsync("shared");
        var fromSecond = await second.CreateSdk().GetSummaryAsync("shared");

        Assert.Equal(100, fromFirst.Count);
        Assert.Equal([12L, 12L, 12L, 12L, 52L], fromFirst.Distribution);
        Assert.Equal(fromFirst.Distribution, fromSecond.Distribution);
    }

    [Fact]
    public async Task Both_instances_can_start_on_an_empty_database_at_once()
    {
        using var first = new QuickPollServerFactory(_database);
        using var second = new QuickPollServerFactory(_database);

        // Each instance migrates on start; the schema lock lets exactly one of them create the tables.
        var started = await Task.WhenAll(
            Task.Run(() => first.CreateSdk().GetSummaryAsync("x")),
            Task.Run(() => second.CreateSdk().GetSummaryAsync("x")));

        Assert.All(started, summary => Assert.Equal(0, summary.Count));
    }
}
