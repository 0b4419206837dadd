using System.Data.Common;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Hostile;

public sealed class SqliteHostileRequestTests(SqliteHostileRequestTests.Host host) : HostileRequestTests(host), IClassFixture<SqliteHostileRequestTests.Host>
{
    public sealed class Host() : SeededHost(QuickPollStorageProvider.Sqlite);
}

public sealed class PostgreSqlHostileRequestTests(PostgreSqlHostileRequestTests.Host host) : HostileRequestTests(host), IClassFixture<PostgreSqlHostileRequestTests.Host>
{
    public sealed class Host() : SeededHost(QuickPollStorageProvider.PostgreSql);
}

/// <summary>
/// Every request of <see cref="HostileCorpus"/> is refused with a 4xx problem and changes nothing stored. The requests share
/// one seeded server per provider: each compares everything stored before and after it, so none can hide behind another.
/// </summary>
public abstract class HostileRequestTests(HostileRequestTests.SeededHost host)
{
    private QuickPollServerFactory Factory => host.Factory;

    private TestDatabase Database => host.Database;

    private static readonly string[] s_tables = ["answers", "summary_counts", "context_counts", "idempotency_receipts", "polls", "poll_votes", "poll_counts", "comments", "used_order_tokens", "sites", "admin_keys", "dashboard_sessions"];

    [Theory]
    [MemberData(nameof(HostileCorpus.Names), MemberType = typeof(HostileCorpus))]
    public async Task A_hostile_request_gets_a_4xx_problem_and_stores_nothing(string name)
    {
        var hostile = HostileCorpus.Named(name);
        var (pollId, siteKey) = (host.PollId, host.SiteKey);
        var before = await SnapshotAsync(pollId);

        using var response = await Factory.CreateClient().SendAsync(hostile.ToMessage(pollId, siteKey));
        var body = await response.Content.ReadAsStringAsync();

        var status = (int)response.StatusCode;
        Assert.True(status == hostile.Status, $"{name}: expected {hostile.Status}, got {status}: {body}");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(body);
        Assert.Equal(status, problem.RootElement.GetProperty("status").GetInt32());
        if (hostile.Field is { } field)
        {
            Assert.True(
                problem.RootElement.TryGetProperty("errors", out var errors) && errors.TryGetProperty(field, out _),
                $"{name}: the problem does not name '{field}': {body}");
        }

        Assert.Equal(before, await SnapshotAsync(pollId));
    }

    [Fact]
    public void The_corpus_covers_at_least_60_requests_with_distinct_names()
    {
        Assert.True(HostileCorpus.All.Count >= 60);
        Assert.Equal(HostileCorpus.All.Count, HostileCorpus.All.Select(c => c.Name).Distinct().Count());
        Assert.All(HostileCorpus.All, c => Assert.InRange(c.Status, 400, 499));
    }

    /// <summary>Operations that take nothing a caller could get wrong: no route value, no query, no body.</summary>
    private static readonly string[] s_noInput = ["GET /api/v1/site/policy", "GET /api/v1/admin/keys", "GET /api/v1/admin/sites"];

    [Fact]
    public void Every_operation_that_takes_input_has_a_hostile_request()
    {
        var operations = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints
            .OfType<RouteEndpoint>()
            .Where(e => e.RoutePattern.RawText?.StartsWith("/api/v1", StringComparison.Ordinal) == true)
            .Where(e => e.Metadata.GetMetadata<IExcludeFromDescriptionMetadata>() is not { ExcludeFromDescription: true })
            .SelectMany(e => e.Metadata.GetMetadata<IHttpMethodMetadata>()!.HttpMethods.Select(method => (Method: method, Pattern: e.RoutePattern.RawText!)))
            .ToList();

        Assert.NotEmpty(operations);
        var uncovered = operations
            .Where(o => !s_noInput.Contains($"{o.Method} {o.Pattern}"))
            .Where(o =>
            {
                var path = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Replace(o.Pattern, @"\{[^}]+\}", "[^/]+") + "$");
                return !HostileCorpus.All.Any(c => c.Method.Method == o.Method && path.IsMatch(c.Path.Split('?')[0]));
            })
            .Select(o => $"{o.Method} {o.Pattern}");
        Assert.Empty(uncovered);
    }

    /// <summary>
    /// A server with answers with context, a mix of kinds, a comment, a poll and a vote, a site and an admin key; its rate
    /// limits are off, as the corpus's requests come one after another from one client (the limits have tests of their own).
    /// </summary>
    public abstract class SeededHost(QuickPollStorageProvider provider) : IAsyncLifetime
    {
        public TestDatabase Database { get; } = TestDatabase.Create(provider);

        public QuickPollServerFactory Factory { get; private set; } = default!;

        public string PollId { get; private set; } = "";

        public string SiteKey { get; private set; } = "";

        public async Task InitializeAsync()
        {
            Factory = new QuickPollServerFactory(Database, o => (o.RateLimit.SubmissionsPerMinute, o.RateLimit.ReadsPerMinute) = (null, null));
            (PollId, SiteKey) = await SeedAsync(Factory);
        }

        public Task DisposeAsync()
        {
            Factory?.Dispose();
            Database.Dispose();
            return Task.CompletedTask;
        }
    }

    private static async Task<(string PollId, string SiteKey)> SeedAsync(QuickPollServerFactory factory)
    {
        var sdk = factory.CreateSdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { Segment = "b2b", VisitorId = "visitor-0001" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { Locale = "pl-PL" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 9) { Kind = FeedbackKind.Nps });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "A fine mug."));
        var poll = await factory.CreateAdminSdk().CreatePollAsync(new PollDefinition(
            new Dictionary<string, string> { ["en"] = "Why?" },
            [new("a", new Dictionary<string, string> { ["en"] = "A" }), new("b", new Dictionary<string, string> { ["en"] = "B" })]));
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["a"]));
        var site = await factory.CreateAdminSdk().CreateSiteAsync(new SiteDefinition("Mug shop", ["https://shop.example"]));
        await factory.CreateAdminSdk().CreateAdminKeyAsync(new CreateAdminKeyRequest("Reporting"));
        return (poll.Id, site.PublicKey);
    }

    /// <summary>What a visitor and staff can read, and how many rows each table holds.</summary>
    private async Task<string> SnapshotAsync(string pollId)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", QuickPollServerFactory.AdminKey);
        var reads = new List<string>();
        foreach (var path in new[]
        {
            "/api/v1/summaries?target=mug-001", "/api/v1/summaries?target=mug-001&kind=nps", "/api/v1/summaries?target=mug-001&segment=b2b",
            "/api/v1/comments?target=mug-001", $"/api/v1/polls/{pollId}/results", "/api/v1/admin/polls", "/api/v1/admin/comments",
            "/api/v1/admin/results?breakdown=target", "/api/v1/admin/sites", "/api/v1/admin/keys",
        })
        {
            reads.Add($"{path} {await client.GetStringAsync(path)}");
        }

        using var connection = Connect();
        connection.Open();
        foreach (var table in s_tables)
        {
            using var count = connection.CreateCommand();
            count.CommandText = $"SELECT COUNT(*) FROM {table};";
            reads.Add($"{table} {count.ExecuteScalar()}");
        }

        return string.Join('\n', reads);
    }

    private DbConnection Connect() => Database.Provider == QuickPollStorageProvider.PostgreSql
        ? new NpgsqlConnection(Database.ConnectionString)
        : new SqliteConnection(Database.ConnectionString);
}
