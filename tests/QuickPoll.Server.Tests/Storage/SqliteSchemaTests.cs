using Microsoft.Data.Sqlite;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Storage;

public sealed class SqliteSchemaTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"quickpoll-schema-{Guid.NewGuid():N}.db");

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(_path + suffix);
        }
    }

    [Fact]
    public async Task A_database_from_the_first_release_upgrades_and_keeps_its_ratings()
    {
        // A shop's database as the first release left it: schema version 1 with ratings in it.
        using (var connection = new SqliteConnection($"Data Source={_path}"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = SqliteSchema.Migrations[0] + """
                INSERT INTO answers (target, kind, score, created_at) VALUES ('mug-001', 'stars', 5, '2026-01-01T00:00:00Z'), ('mug-001', 'stars', 3, '2026-01-02T00:00:00Z');
                INSERT INTO summary_counts (target, kind, score, count) VALUES ('mug-001', 'stars', 5, 1), ('mug-001', 'stars', 3, 1);
                PRAGMA user_version = 1;
                """;
            command.ExecuteNonQuery();
        }

        using var factory = new QuickPollServerFactory(_path);
        var sdk = factory.CreateSdk();
        var before = await sdk.GetSummaryAsync("mug-001");
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = "visitor-aaaa", Segment = "returning" });
        var after = await sdk.GetSummaryAsync("mug-001");

        Assert.Equal(2, before.Count);
        Assert.Equal(4.0, before.Average);
        Assert.Equal(3, after.Count);
        Assert.Equal(4.0, after.Average);
        using var check = new SqliteConnection($"Data Source={_path}");
        check.Open();
        Assert.Equal(SqliteSchema.LatestVersion, SqliteSchema.CurrentVersion(check));
    }

    [Fact]
    public void A_database_newer_than_the_package_is_refused_with_a_clear_message()
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = $"PRAGMA user_version = {SqliteSchema.LatestVersion + 1};";
            command.ExecuteNonQuery();
        }

        var exception = Assert.Throws<InvalidOperationException>(() => SqliteSchema.MigrateToLatest(connection));

        Assert.Contains("newer", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Migrating_twice_changes_nothing()
    {
        using var connection = new SqliteConnection($"Data Source={_path}");
        connection.Open();

        SqliteSchema.MigrateToLatest(connection);
        SqliteSchema.MigrateToLatest(connection);

        Assert.Equal(SqliteSchema.LatestVersion, SqliteSchema.CurrentVersion(connection));
    }
}
