namespace QuickPoll.Server;

/// <summary>The database that stores answers.</summary>
public enum QuickPollStorageProvider
{
    /// <summary>An embedded SQLite file: nothing to install, one machine.</summary>
    Sqlite = 0,

    /// <summary>PostgreSQL: several endpoint instances behind a load balancer share one database.</summary>
    PostgreSql = 1,
}
