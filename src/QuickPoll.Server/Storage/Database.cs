using System.Data.Common;

namespace QuickPoll.Server.Storage;

/// <summary>Runs a query with named parameters and returns its reader; the caller disposes the reader.</summary>
internal delegate DbDataReader QueryRunner(string sql, params ReadOnlySpan<(string Name, object? Value)> parameters);

/// <summary>
/// One storage provider: how to open connections, the schema as an ordered list of forward-only migrations,
/// and the few statements that differ between SQLite and PostgreSQL.
/// </summary>
internal abstract class Database
{
    private readonly Lazy<bool> _migrated;

    protected Database() => _migrated = new Lazy<bool>(() => MigrateTo(LatestVersion));

    /// <summary>Forward-only migrations: append new steps, never edit one that has shipped.</summary>
    public abstract IReadOnlyList<string> Migrations { get; }

    public int LatestVersion => Migrations.Count;

    /// <summary>Creates or upgrades the schema once per process; later calls return at once.</summary>
    public void EnsureMigrated() => _ = _migrated.Value;

    public DbConnection Open()
    {
        EnsureMigrated();
        return OpenUnmigrated();
    }

    /// <summary>Opens the connection the single writer keeps, set up for durable group commits.</summary>
    public virtual DbConnection OpenWriter() => Open();

    public DbConnection OpenUnmigrated()
    {
        var connection = CreateConnection();
        connection.Open();
        return connection;
    }

    /// <summary>Runs reads on a pooled connection of their own, beside the single writer.</summary>
    public T Read<T>(Func<QueryRunner, T> read)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        return read((sql, parameters) =>
        {
            command.CommandText = sql;
            SetParameters(command, parameters);
            return command.ExecuteReader();
        });
    }

    /// <summary>Replaces a command's parameters; <see langword="null"/> values are sent as SQL NULL.</summary>
    public static void SetParameters(DbCommand command, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    public abstract int CurrentVersion(DbConnection connection, DbTransaction? transaction = null);

    protected abstract DbConnection CreateConnection();

    /// <summary>Takes whatever lock keeps two processes from migrating at once, inside the migration's transaction.</summary>
    protected abstract DbTransaction BeginMigration(DbConnection connection);

    protected abstract void SetVersion(DbConnection connection, DbTransaction transaction, int version);

    /// <summary>Applies the migrations up to <paramref name="targetVersion"/>; a database already there is left alone.</summary>
    internal bool MigrateTo(int targetVersion)
    {
        using var connection = OpenUnmigrated();
        using var transaction = BeginMigration(connection);
        var current = CurrentVersion(connection, transaction);
        if (current > LatestVersion)
        {
            throw new InvalidOperationException(
                $"QuickPoll: the database schema is version {current}, newer than this version of QuickPoll.Server understands ({LatestVersion}). Upgrade the package.");
        }

        for (var version = current; version < targetVersion; version++)
        {
            using var step = connection.CreateCommand();
            step.Transaction = transaction;
            step.CommandText = Migrations[version];
            step.ExecuteNonQuery();
            SetVersion(connection, transaction, version + 1);
        }

        transaction.Commit();
        return true;
    }
}
