using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;

namespace QuickPoll.Server.Storage;

/// <summary>The embedded default: one SQLite file in WAL mode, flushed to disk on every commit.</summary>
internal sealed class SqliteDatabase : Database
{
    private static readonly string[] s_migrations =
    [
        // 1: answers, per-score counters (so a summary never scans answers), idempotency keys.
        """
        CREATE TABLE answers (
            id          INTEGER PRIMARY KEY,
            target      TEXT    NOT NULL,
            kind        TEXT    NOT NULL,
            score       INTEGER NOT NULL,
            created_at  TEXT    NOT NULL
        );
        CREATE INDEX ix_answers_target_kind ON answers (target, kind);
        CREATE TABLE summary_counts (
            target  TEXT    NOT NULL,
            kind    TEXT    NOT NULL,
            score   INTEGER NOT NULL,
            count   INTEGER NOT NULL,
            PRIMARY KEY (target, kind, score)
        ) WITHOUT ROWID;
        CREATE TABLE idempotency_keys (
            key         TEXT    NOT NULL PRIMARY KEY,
            answer_id   INTEGER NOT NULL,
            receipt     TEXT    NOT NULL,
            created_at  TEXT    NOT NULL
        ) WITHOUT ROWID;
        """,

        // 2: context on every answer, one answer per visitor (re-votes replace), counters per context value.
        """
        ALTER TABLE answers ADD COLUMN visitor_id    TEXT;
        ALTER TABLE answers ADD COLUMN segment       TEXT;
        ALTER TABLE answers ADD COLUMN journey_stage TEXT;
        ALTER TABLE answers ADD COLUMN touchpoint    TEXT;
        ALTER TABLE answers ADD COLUMN locale        TEXT;
        ALTER TABLE answers ADD COLUMN page_path     TEXT;
        ALTER TABLE answers ADD COLUMN updated_at    TEXT;
        CREATE UNIQUE INDEX ux_answers_visitor ON answers (target, kind, visitor_id) WHERE visitor_id IS NOT NULL;
        CREATE TABLE context_counts (
            target     TEXT    NOT NULL,
            kind       TEXT    NOT NULL,
            dimension  TEXT    NOT NULL,
            value      TEXT    NOT NULL,
            score      INTEGER NOT NULL,
            count      INTEGER NOT NULL,
            PRIMARY KEY (target, kind, dimension, value, score)
        ) WITHOUT ROWID;
        """,
    ];

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
