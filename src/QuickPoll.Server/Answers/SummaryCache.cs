using System.Diagnostics.CodeAnalysis;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Answers;

/// <summary>
/// Summaries held in memory, so the hot read path skips the database. Only where this process is the only writer
/// (the embedded SQLite store): there every change to the counters passes through this process's write queue,
/// which refreshes or forgets an entry right after its commit. With PostgreSQL other instances write too, so
/// nothing is cached.
/// </summary>
/// <remarks>
/// Bounded whatever callers ask for: only targets that have answers are held (a made-up target is read from its
/// counters each time, one index look-up that finds nothing), and at most <c>capacity</c> of them; when full, entries
/// not read since the last sweep go first. Dropping an entry is always safe: the next read, or the writer, reads the
/// counters again.
/// </remarks>
internal sealed class SummaryCache
{
    /// <summary>What <see cref="QuickPollServerOptions.SummaryCacheSize"/> defaults to.</summary>
    public const int DefaultCapacity = 100_000;

    // Commits counted per stripe of keys: a reader keeps what it read only if no commit to its stripe happened since
    // it began. A count survives an entry's eviction, which a version kept in the entry would not.
    private const int Stripes = 256;

    private readonly HeldEntries<(string Target, FeedbackKind Kind), FeedbackSummary> _entries;
    private readonly long[] _commits = new long[Stripes];

    // Serialises what changes the dictionary (a reader's store, a commit's refresh, a sweep), never a hit.
    private readonly Lock _changes = new();
    private readonly bool _enabled;

    public SummaryCache(bool enabled, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _enabled = enabled;
        _entries = new(capacity);
    }

    public bool Enabled => _enabled;

    /// <summary>How many summaries are held now.</summary>
    public int Count => _entries.Count;

    /// <summary>The cached summary, or a fresh read that is kept if the target has answers and no commit changed it meanwhile.</summary>
    public FeedbackSummary GetOrRead(string target, FeedbackKind kind, Func<FeedbackSummary> read)
    {
        if (!_enabled)
        {
            return read();
        }

        var key = (target, kind);
        if (_entries.TryRead(key, out var hit))
        {
            return hit;
        }

        var stripe = StripeOf(key);
        var before = Volatile.Read(ref _commits[stripe]);
        var fresh = read();
        if (fresh.Count > 0)
        {
            lock (_changes)
            {
                // Under the lock a commit either came before this check (its count moved: the read may be older than
                // it) or comes after this store (and overwrites it).
                if (_commits[stripe] == before)
                {
                    _entries.TryAdd(key, fresh);
                }
            }
        }

        return fresh;
    }

    /// <summary>
    /// The cached summary, for the writer: between its commits nothing else changes the counters, and an entry a reader
    /// stores meanwhile holds the last commit's figures.
    /// </summary>
    public bool TryGetCommitted(string target, FeedbackKind kind, [NotNullWhen(true)] out FeedbackSummary? summary)
    {
        summary = null;
        return _enabled && _entries.TryPeek((target, kind), out summary);
    }

    /// <summary>After a commit that moved a target's counters: keeps its new summary when known and not empty, else forgets it.</summary>
    public void Committed(string target, FeedbackKind kind, FeedbackSummary? summary)
    {
        if (!_enabled)
        {
            return;
        }

        var key = (target, kind);
        lock (_changes)
        {
            _commits[StripeOf(key)]++;
            if (summary is { Count: > 0 })
            {
                _entries.Set(key, summary);
            }
            else
            {
                _entries.Remove(key);
            }
        }
    }

    private static int StripeOf((string Target, FeedbackKind Kind) key) => (key.GetHashCode() & int.MaxValue) % Stripes;
}
