using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Storage;

public sealed class SqliteDatabaseTests() : DatabaseTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlDatabaseTests() : DatabaseTests(QuickPollStorageProvider.PostgreSql);

public abstract class DatabaseTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private Database Open() => Database.Provider == QuickPollStorageProvider.PostgreSql
        ? new PostgresDatabase(Database.ConnectionString)
        : new SqliteDatabase(Database.ConnectionString, AppContext.BaseDirectory);

    [Fact]
    public async Task A_database_from_the_first_release_upgrades_and_keeps_its_ratings()
    {
        // A shop's database as the first release left it: schema version 1 with ratings in it.
        var firstRelease = Open();
        firstRelease.MigrateTo(1);
        using (var connection = firstRelease.OpenUnmigrated())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = """
                INSERT INTO answers (target, kind, score, created_at) VALUES ('mug-001', 'stars', 5, '2026-01-01T00:00:00Z'), ('mug-001', 'stars', 3, '2026-01-02T00:00:00Z');
                INSERT INTO summary_counts (target, kind, score, count) VALUES ('mug-001', 'stars', 5, 1), ('mug-001', 'stars', 3, 1);
                """;
            command.ExecuteNonQuery();
        }

        (firstRelease as IDisposable)?.Dispose();

        var sdk = Factory.CreateSdk();
        var before = await sdk.GetSummaryAsync("mug-001");
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = "visitor-aaaa", Segment = "returning" });
        var after = await sdk.GetSummaryAsync("mug-001");

        Assert.Equal(2, before.Count);
        Assert.Equal(4.0, before.Average);
        Assert.Equal(3, after.Count);
        Assert.Equal(4.0, after.Average);
        var upgraded = Open();
        using var check = upgraded.OpenUnmigrated();
        Assert.Equal(upgraded.LatestVersion, upgraded.CurrentVersion(check));
        (upgraded as IDisposable)?.Dispose();
    }

    [Fact]
    public void A_database_newer_than_the_package_is_refused_with_a_clear_message()
    {
        var database = Open();
        database.MigrateTo(database.LatestVersion);
        using (var connection = database.OpenUnmigrated())
        using (var command = connection.CreateCommand())
        {
            command.CommandText = Database.Provider == QuickPollStorageProvider.PostgreSql
                ? "UPDATE quickpoll_schema SET version = 999;"
                : "PRAGMA user_version = 999;";
            command.ExecuteNonQuery();
        }

        var exception = Assert.Throws<InvalidOperationException>(() => Open().EnsureMigrated());

        Assert.Contains("newer", exception.Message, StringComparison.Ordinal);
        (database as IDisposable)?.Dispose();
    }

    [Fact]
    public void Migrating_twice_changes_nothing()
    {
        var database = Open();

        database.MigrateTo(database.LatestVersion);
        database.MigrateTo(database.LatestVersion);

        using var connection = database.OpenUnmigrated();
        Assert.Equal(database.LatestVersion, database.CurrentVersion(connection));
        (database as IDisposable)?.Dispose();
    }
}
