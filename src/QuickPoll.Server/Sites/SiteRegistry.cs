using System.Collections.Frozen;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Sites;

/// <summary>
/// Every site by its public key and every allowed origin, in memory, because each public request asks. Loaded from
/// storage on first use, replaced right after each committed change in this process, and read again when older than
/// <see cref="RefreshAfter"/> so that other instances sharing a PostgreSQL database see changes too.
/// </summary>
internal sealed class SiteRegistry(Database database)
{
    /// <summary>How stale a change made by another instance may be seen.</summary>
    public static readonly TimeSpan RefreshAfter = TimeSpan.FromSeconds(30);

    private Snapshot? _snapshot;
    private long _version;

    /// <summary>The site whose public key this is, or null.</summary>
    public RegisteredSite? Find(string publicKey) => Current.ByKey.GetValueOrDefault(publicKey);

    /// <summary>Whether any site allows pages from <paramref name="origin"/>: the CORS policy of the public API.</summary>
    public bool AllowsAnywhere(string origin) => Current.Origins.Contains(origin);

    /// <summary>Whether <paramref name="site"/> allows pages from <paramref name="origin"/>.</summary>
    public static bool Allows(RegisteredSite site, string origin) =>
        site.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);

    /// <summary>Takes every site as just committed.</summary>
    public void Replace(IReadOnlyList<RegisteredSite> sites)
    {
        Interlocked.Increment(ref _version);
        Volatile.Write(ref _snapshot, new Snapshot(sites));
    }

    private Snapshot Current
    {
        get
        {
            var snapshot = Volatile.Read(ref _snapshot);
            if (snapshot is not null && Environment.TickCount64 - snapshot.LoadedAt < (long)RefreshAfter.TotalMilliseconds)
            {
                return snapshot;
            }

            // A commit in this process during the read wins over what the read found.
            var version = Interlocked.Read(ref _version);
            var loaded = new Snapshot(database.Read(SiteStore.List));
            if (Interlocked.Read(ref _version) == version)
            {
                Volatile.Write(ref _snapshot, loaded);
                return loaded;
            }

            return Volatile.Read(ref _snapshot)!;
        }
    }

    private sealed class Snapshot(IReadOnlyList<RegisteredSite> sites)
    {
        public long LoadedAt { get; } = Environment.TickCount64;

        public FrozenDictionary<string, RegisteredSite> ByKey { get; } = sites.ToFrozenDictionary(s => s.PublicKey, StringComparer.Ordinal);

        public FrozenSet<string> Origins { get; } = sites.SelectMany(s => s.AllowedOrigins).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
    }
}
