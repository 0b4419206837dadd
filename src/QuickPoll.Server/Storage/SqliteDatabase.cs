using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Win32.SafeHandles;

namespace QuickPoll.Server.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, flushed to disk on every commit.</summary>
internal class SqliteDatabase : Database
{
    private static readonly string[] s_migrations = Schema.For(QuickPollStorageProvider.Sqlite, id: "INTEGER PRIMARY KEY AUTOINCREMENT", count: "INTEGER", keyed: " WITHOUT ROWID");

    private readonly string _connectionString;

    public SqliteDatabase(string connectionString, string contentRoot)
    {
        _connectionString = Resolve(connectionString, contentRoot);
    }

    public override IReadOnlyList<string> Migrations => s_migrations;

    public override DbConnection OpenWriter()
    {
        var connection = Open();
        // An acknowledged answer survives a power cut: every commit is flushed to disk before it returns.
        Execute(connection, "PRAGMA synchronous=FULL;");
        return connection;
    }

    /// <remarks>
    /// In WAL mode, <c>synchronous=FULL</c> differs from <c>NORMAL</c> only by the log's flush after each commit; with
    /// <c>NORMAL</c> and that same flush done by <paramref name="flush"/> once the commit returns, the next group runs
    /// while the disk works. Checkpoints flush the log and the database file themselves in both modes.
    /// </remarks>
    public override DbConnection OpenGroupWriter(out CommitFlush? flush)
    {
        var connection = (SqliteConnection)Open();
        var journalMode = Scalar(connection, "PRAGMA journal_mode;") as string;
        var file = connection.DataSource;
        if (!string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase) || string.IsNullOrEmpty(file))
        {
            flush = null;
            Execute(connection, "PRAGMA synchronous=FULL;");
            return connection;
        }

        Execute(connection, "PRAGMA synchronous=NORMAL;");
        // Checkpoints (run by this connection's commits) copy each page once however often it changed since the last
        // one: rarer ones copy the hot counter and index pages less often. The log grows to about 40 MB between them.
        Execute(connection, "PRAGMA wal_autocheckpoint=10000;");
        flush = new WalFlush(file + "-wal");
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

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
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

    /// <summary>
    /// Flushes the write-ahead log file. The group writer's connection stays open while this is used, so SQLite keeps
    /// the same log file (it deletes it only when the last connection closes).
    /// </summary>
    private sealed class WalFlush(string path) : CommitFlush
    {
        private SafeFileHandle? _log;

        public override void Flush()
        {
            // Opened on first use: the log exists once the first group has committed.
            _log ??= File.OpenHandle(path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite | FileShare.Delete);
            RandomAccess.FlushToDisk(_log);
        }

        public override void Dispose() => _log?.Dispose();
    }
}
