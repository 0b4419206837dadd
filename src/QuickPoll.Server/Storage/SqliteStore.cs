using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace QuickPoll.Server.Storage;

/// <summary>
/// Owns the SQLite database: where it is, its schema version, and how connections are opened.
/// </summary>
internal sealed class SqliteStore
{
    private readonly Lazy<bool> _migrated;

    public SqliteStore(IOptions<QuickPollServerOptions> options, IHostEnvironment environment)
    {
        ConnectionString = Resolve(options.Value.ConnectionString, environment.ContentRootPath);
        _migrated = new Lazy<bool>(() =>
        {
            using var connection = new SqliteConnection(ConnectionString);
            connection.Open();
            SqliteSchema.MigrateToLatest(connection);
            return true;
        });
    }

    public string ConnectionString { get; }

    /// <summary>Creates or upgrades the schema once per process; later calls return at once.</summary>
    public void EnsureMigrated() => _ = _migrated.Value;

    public SqliteConnection OpenConnection()
    {
        EnsureMigrated();
        var connection = new SqliteConnection(ConnectionString);
        connection.Open();
        return connection;
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
