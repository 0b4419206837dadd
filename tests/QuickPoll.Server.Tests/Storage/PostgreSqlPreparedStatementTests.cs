using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Storage;

/// <summary>
/// On PostgreSQL the statements QuickPoll repeats are prepared on the server, unless the connection string turns that
/// off (a pooler in front of PostgreSQL that cannot keep prepared statements needs <c>Max Auto Prepare=0</c>).
/// </summary>
public sealed class PostgreSqlPreparedStatementTests : IDisposable
{
    private readonly PostgresTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Fact]
    public void Repeated_reads_are_prepared_on_the_server_by_default()
    {
        Assert.True(PreparedAfterRepeatedReads(_database.ConnectionString) > 0);
    }

    [Fact]
    public void Max_Auto_Prepare_0_in_the_connection_string_prepares_nothing()
    {
        Assert.Equal(0, PreparedAfterRepeatedReads(_database.ConnectionString + ";Max Auto Prepare=0"));
    }

    // One read at a time, so the pool hands back the same server session, whose prepared statements are counted.
    private static long PreparedAfterRepeatedReads(string connectionString)
    {
        using var database = new PostgresDatabase(connectionString);
        for (var i = 0; i < 10; i++)
        {
            database.Read(query =>
            {
                using var reader = query("SELECT count(*) FROM summary_counts WHERE target = @target;", ("@target", "mug-001"));
                return reader.Read();
            });
        }

        return database.Read(query =>
        {
            using var reader = query("SELECT count(*) FROM pg_prepared_statements WHERE statement LIKE '%summary_counts%';");
            reader.Read();
            return reader.GetInt64(0);
        });
    }
}
