using Microsoft.Data.Sqlite;
using Npgsql;

namespace QuickPoll.Server.Tests;

/// <summary>A fresh, empty database of one provider, removed when the test ends.</summary>
public abstract class TestDatabase : IDisposable
{
    /// <summary>Names the PostgreSQL server the tests may create databases on (eng/test.sh starts one).</summary>
    public const string PostgresVariable = "QUICKPOLL_TEST_POSTGRES";

    public abstract QuickPollStorageProvider Provider { get; }

    public abstract string ConnectionString { get; }

    public static TestDatabase Create(QuickPollStorageProvider provider) => provider switch
    {
        QuickPollStorageProvider.PostgreSql => new PostgresTestDatabase(),
        _ => new SqliteTestDatabase(),
    };

    public abstract void Dispose();
}

public sealed class SqliteTestDatabase : TestDatabase
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"quickpoll-test-{Guid.NewGuid():N}.db");

    public override QuickPollStorageProvider Provider => QuickPollStorageProvider.Sqlite;

    public override string ConnectionString => $"Data Source={Path}";

    public override void Dispose()
    {
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }
    }
}

public sealed class PostgresTestDatabase : TestDatabase
{
    private readonly string _server;
    private readonly string _name = $"quickpoll_test_{Guid.NewGuid():N}";

    public PostgresTestDatabase()
    {
        _server = Environment.GetEnvironmentVariable(PostgresVariable)
            ?? throw new InvalidOperationException(
                $"The PostgreSQL tests need a server: set {PostgresVariable} to a connection string such as " +
                "'Host=127.0.0.1;Port=55432;Username=postgres' (bash eng/test.sh starts one and sets it).");
        Admin($"CREATE DATABASE {_name};");
        ConnectionString = new NpgsqlConnectionStringBuilder(_server) { Database = _name }.ConnectionString;
    }

    public override QuickPollStorageProvider Provider => QuickPollStorageProvider.PostgreSql;

    public override string ConnectionString { get; }

    public override void Dispose()
    {
        NpgsqlConnection.ClearAllPools();
        Admin($"DROP DATABASE IF EXISTS {_name} WITH (FORCE);");
    }

    private void Admin(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_server) { Database = "postgres", Pooling = false }.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
