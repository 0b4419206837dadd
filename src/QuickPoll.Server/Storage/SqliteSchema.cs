using Microsoft.Data.Sqlite;

namespace QuickPoll.Server.Storage;

/// <summary>
/// The schema as an ordered list of forward-only migrations. The database's <c>user_version</c>
/// records how many have run, so an upgrade applies only the new ones and keeps every stored answer.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>Append new steps at the end; never edit a step that has shipped.</summary>
    internal static readonly string[] Migrations =
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

    public static int LatestVersion => Migrations.Length;

    public static void MigrateToLatest(SqliteConnection connection)
    {
        using (var wal = connection.CreateCommand())
        {
            wal.CommandText = "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000;";
            wal.ExecuteNonQuery();
        }

        using var transaction = connection.BeginTransaction(deferred: false);
        var current = CurrentVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"QuickPoll: the database schema is version {current}, newer than this version of QuickPoll.Server understands ({LatestVersion}). Upgrade the package.");
        }

        for (var version = current; version < LatestVersion; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[version] + $"\nPRAGMA user_version = {version + 1};";
            step.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public static int CurrentVersion(SqliteConnection connection, SqliteTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}
