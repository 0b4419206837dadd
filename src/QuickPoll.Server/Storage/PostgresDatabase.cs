using System.Data.Common;
using System.Globalization;
using Npgsql;

namespace QuickPoll.Server.Storage;

/// <summary>PostgreSQL: several stateless endpoint instances share one database.</summary>
internal sealed class PostgresDatabase(string connectionString) : Database, IDisposable
{
    // Any fixed number: every instance takes the same lock, so only one migrates at a time.
    private const long MigrationLockId = 0x5155_4943_4B50_4F4C;

    private static readonly string[] s_migrations = Schema.For(QuickPollStorageProvider.PostgreSql, id: "BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY", count: "BIGINT", keyed: "");

    /// <summary>
    /// How many statements each connection keeps prepared when the connection string does not say. QuickPoll runs a few
    /// dozen statements over and over: prepared, each skips parsing and planning on the server (side by side with two
    /// instances under the same load, about twice the answers per second).
    /// </summary>
    internal const int AutoPreparedStatements = 64;

    private readonly NpgsqlDataSource _dataSource = CreateDataSource(connectionString);

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

    /// <summary>
    /// The data source, with Npgsql's automatic preparation on unless the connection string sets <c>Max Auto Prepare</c>
    /// (0 turns it off, for a pooler in front of PostgreSQL that cannot keep prepared statements).
    /// </summary>
    internal static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString };
        if (!given.Keys.Cast<string>().Any(key => string.Equals(key.Replace(" ", "", StringComparison.Ordinal), "MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }

        return builder.Build();
    }

    protected override DbConnection CreateConnection() => _dataSource.CreateConnection();

    protected override DbTransaction BeginMigration(DbConnection connection)
    {
        var transaction = connection.BeginTransaction();
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = $"SELECT pg_advisory_xact_lock({MigrationLockId.ToString(CultureInfo.InvariantCulture)});";
        command.ExecuteNonQuery();
        command.CommandText = """
            CREATE TABLE IF NOT EXISTS quickpoll_schema (version INTEGER NOT NULL);
            INSERT INTO quickpoll_schema (version) SELECT 0 WHERE NOT EXISTS (SELECT 1 FROM quickpoll_schema);
            """;
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
