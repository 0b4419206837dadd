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

    /// <summary>Opens a connection for writes, set up so that each commit is durable once it returns.</summary>
    public virtual DbConnection OpenWriter() => Open();

    /// <summary>
    /// Opens the connection the single writer keeps for its groups. Where a commit can return before its disk flush
    /// and be flushed apart, <paramref name="flush"/> does that flush and the connection's commits skip it; otherwise
    /// it is <see langword="null"/> and the connection is <see cref="OpenWriter"/>'s.
    /// </summary>
    public virtual DbConnection OpenGroupWriter(out CommitFlush? flush)
    {
        flush = null;
        return OpenWriter();
    }

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
        // A reused command (the writer keeps one per statement) keeps its parameter objects; only the values change.
        if (SameNames(command.Parameters, parameters))
        {
            for (var i = 0; i < parameters.Length; i++)
            {
                command.Parameters[i].Value = parameters[i].Value ?? DBNull.Value;
            }

            return;
        }

        command.Parameters.Clear();
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }
    }

    private static bool SameNames(DbParameterCollection existing, ReadOnlySpan<(string Name, object? Value)> parameters)
    {
        if (existing.Count != parameters.Length || parameters.Length == 0)
        {
            return false;
        }

        for (var i = 0; i < parameters.Length; i++)
        {
            if (!string.Equals(existing[i].ParameterName, parameters[i].Name, StringComparison.Ordinal))
            {
                return false;
            }
        }

        return true;
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
            // A step only the other provider needs is empty here: it counts as done.
            if (!string.IsNullOrWhiteSpace(Migrations[version]))
            {
                using var step = connection.CreateCommand();
                step.Transaction = transaction;
                step.CommandText = Migrations[version];
                step.ExecuteNonQuery();
            }

            SetVersion(connection, transaction, version + 1);
        }

        transaction.Commit();
        return true;
    }
}
