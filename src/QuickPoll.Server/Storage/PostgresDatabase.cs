using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace QuickPoll.Server.Storage;

/// <summary>PostgreSQL: several stateless endpoint instances share one database.</summary>
internal sealed class PostgresDatabase(string connectionString) : Database, IDisposable
{
    // Any fixed number: every instance takes the same lock, so only one migrates at a time.
    private const long MigrationLockId = 0x5155_4943_4B50_4F4C;

    private static readonly string[] s_migrations =
    [
        """
        CREATE TABLE quickpoll_schema (version INTEGER NOT NULL);
        INSERT INTO quickpoll_schema (version) VALUES (0);
        CREATE TABLE answers (
            id          BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
            count   BIGINT  NOT NULL,
            PRIMARY KEY (target, kind, score)
        );
        CREATE TABLE idempotency_keys (
            key         TEXT    NOT NULL PRIMARY KEY,
            answer_id   BIGINT  NOT NULL,
            receipt     TEXT    NOT NULL,
            created_at  TEXT    NOT NULL
        );
        """,
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
            count      BIGINT  NOT NULL,
            PRIMARY KEY (target, kind, dimension, value, score)
        );
        """,
    ];

    private readonly NpgsqlDataSource _dataSource = NpgsqlDataSource.Create(connectionString);

    public override IReadOnlyList<string> Migrations => s_migrations;

    public override int CurrentVersion(DbConnection connection, DbTransaction? transaction = null)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT to_regclass('quickpoll_schema') IS NOT NULL;";
        if (command.ExecuteScalar() is not true)
        {
            return 0;
        }

        command.CommandText = "SELECT version FROM quickpoll_schema;";
        return Convert.ToInt32(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose() => _dataSource.Dispose();

    protected override DbConnection CreateConnection() => _dataSource.CreateConnection();

    protected override DbTransaction BeginMigration(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockId.ToString(CultureInfo.InvariantCulture)});";
        command.ExecuteNonQuery();
        return transaction;
    }

    protected override void SetVersion(DbConnection connection, DbTransaction transaction, int version)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"UPDATE quickpoll_schema SET version = {version.ToString(CultureInfo.InvariantCulture)};";
        command.ExecuteNonQuery();
    }
}
