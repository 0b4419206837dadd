using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QuickPoll.Server.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, flushed to disk on every commit.</summary>
internal sealed class SqliteDatabase : Database
{
    private static readonly string[] s_migrations = Schema.For(id: "INTEGER PRIMARY KEY", count: "INTEGER", keyed: " WITHOUT ROWID");

    private readonly string _connectionString;

    public SqliteDatabase(string connectionString, string contentRoot)
    {
        _connectionString = Resolve(connectionString, contentRoot);
    }

    public override IReadOnlyList<string> Migrations => s_migrations;

    public override DbConnection OpenWriter()
    {
        var connection = Open();
        using var pragma = connection.CreateCommand();
        // An acknowledged answer survives a power cut: every group commit is flushed to disk.
        pragma.CommandText = "PRAGMA synchronous=FULL;";
        pragma.ExecuteNonQuery();
        return connection;
    }

    public override int CurrentVersion(DbConnection connection, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    protected override DbConnection CreateConnection() => new SqliteConnection(_connectionString);

    protected override DbTransaction BeginMigration(DbConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            // WAL: readers never block the writer, and the mode is stored in the file.
            wal.CommandText = "PRAGMA journal_mode=WAL;";
            wal.ExecuteNonQuery();
        }

        return ((SqliteConnection)connection).BeginTransaction(deferred: false);
    }

    protected override void SetVersion(DbConnection connection, DbTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"PRAGMA user_version = {version.ToString(CultureInfo.InvariantCulture)};";
        command.ExecuteNonQuery();
    }

    // A relative file is kept beside the app, not wherever the process happened to start.
    private static string Resolve(string connectionString, string contentRoot)
    {
        var builder = new SqliteConnectionStringBuilder(connectionString);
        var source = builder.DataSource;
        if (builder.Mode != SqliteOpenMode.Memory
            && !string.IsNullOrEmpty(source)
            && source != ":memory:"
            && !source.StartsWith("file:", StringComparison.OrdinalIgnoreCase)
            && !Path.IsPathRooted(source))
        {
            builder.DataSource = Path.Combine(contentRoot, source);
        }

        return builder.ToString();
    }
}
