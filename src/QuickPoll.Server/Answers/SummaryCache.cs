using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using QuickPoll.Contracts;

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

    private readonly ConcurrentDictionary<(string Target, FeedbackKind Kind), Entry> _entries = new();
    private readonly long[] _commits = new long[Stripes];

    // Serialises what changes the dictionary (a reader's store, a commit's refresh, a sweep), never a hit.
    private readonly Lock _changes = new();
    private readonly bool _enabled;
    private readonly int _capacity;

    public SummaryCache(bool enabled, int capacity = DefaultCapacity)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _enabled = enabled;
        _capacity = capacity;
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
        if (_entries.TryGetValue(key, out var hit))
        {
            hit.Touch();
            return hit.Summary;
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
                if (_commits[stripe] == before && _entries.TryAdd(key, new Entry(fresh)))
                {
                    SweepIfFull();
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
        summary = _enabled && _entries.TryGetValue((target, kind), out var entry) ? entry.Summary : null;
        return summary is not null;
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
                _entries[key] = new Entry(summary);
                SweepIfFull();
            }
            else
            {
                _entries.TryRemove(key, out _);
            }
        }
    }

    private static int StripeOf((string Target, FeedbackKind Kind) key) => (key.GetHashCode() & int.MaxValue) % Stripes;

    /// <summary>
    /// Once over capacity, drops entries until a tenth of the room is free again: first those not read since the last
    /// sweep (a second chance for the rest, as a clock would give), then any. One sweep pays for many stores.
    /// </summary>
    private void SweepIfFull()
    {
        if (_entries.Count <= _capacity)
        {
            return;
        }

        var target = _capacity - Math.Max(1, _capacity / 10);
        foreach (var pass in new[] { false, true })
        {
            foreach (var pair in _entries)
            {
                if (_entries.Count <= target)
                {
                    return;
                }

                if (pass || !pair.Value.TakeUsed())
                {
                    _entries.TryRemove(pair);
                }
            }
        }
    }

    private sealed class Entry(FeedbackSummary summary)
    {
        private int _used;

        public FeedbackSummary Summary { get; } = summary;

        // Written only when not yet set, so hot reads of one entry do not keep bouncing its cache line between cores.
        public void Touch()
        {
            if (Volatile.Read(ref _used) == 0)
            {
                Volatile.Write(ref _used, 1);
            }
        }

        public bool TakeUsed() => Interlocked.Exchange(ref _used, 0) == 1;
    }
}
