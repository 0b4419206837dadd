using System.Collections.Concurrent;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Comments;

/// <summary>
/// The first page of a target's published comments held in memory, so that a product page's review list skips the
/// database. Only where this process is the only writer (the embedded SQLite store): every change to comments passes
/// through this process's write queue, which forgets what it changed right after its commit, before anyone is answered.
/// With PostgreSQL other instances write too, so nothing is held.
/// </summary>
/// <remarks>
/// Bounded whatever callers ask for: only targets that have published comments are held, at most
/// <see cref="Capacity"/> pages and <see cref="MaxCharacters"/> characters of text in all; when full, pages not read
/// since the last sweep go first. Dropping a page is always safe: the next read reads the database again.
/// </remarks>
internal sealed class PublishedCommentCache
{
    /// <summary>How many first pages (target and page size) are held at most.</summary>
    public const int Capacity = 10_000;

    /// <summary>How many characters of comment text and display names are held at most (about 32 MB).</summary>
    public const long MaxCharacters = 16_000_000;

    private readonly ConcurrentDictionary<(string Target, int PageSize), Entry> _entries = new();

    // Serialises what changes the dictionary (a reader's store, a commit's forget, a sweep), never a hit.
    private readonly Lock _changes = new();
    private readonly bool _enabled;
    private long _commits;
    private long _characters;

    public PublishedCommentCache(bool enabled) => _enabled = enabled;

    /// <summary>A cache that holds nothing, for writers without one.</summary>
    public static PublishedCommentCache Disabled { get; } = new(enabled: false);

    /// <summary>How many pages are held now.</summary>
    public int Count => _entries.Count;

    /// <summary>
    /// The held page, or a fresh read; a first page of a target with published comments is kept if no commit changed
    /// comments while it was read.
    /// </summary>
    public CommentPage GetOrRead(string target, int page, int pageSize, Func<CommentPage> read)
    {
        if (!_enabled || page != 1)
        {
            return read();
        }

        var key = (target, pageSize);
        if (_entries.TryGetValue(key, out var hit))
        {
            hit.Touch();
            return hit.Page;
        }

        var before = Volatile.Read(ref _commits);
        var fresh = read();
        if (fresh.Total > 0)
        {
            // Read-only, as every caller shares it.
            var entry = new Entry(fresh with { Items = Array.AsReadOnly(fresh.Items.ToArray()) });
            lock (_changes)
            {
                // Under the lock a commit either came before this check (the count moved: the read may be older than
                // it) or comes after this store (and forgets it).
                if (_commits == before && entry.Characters <= MaxCharacters && _entries.TryAdd(key, entry))
                {
                    _characters += entry.Characters;
                    SweepIfFull();
                }
            }

            return entry.Page;
        }

        return fresh;
    }

    /// <summary>After a commit that changed a target's comments: forgets its pages.</summary>
    public void Changed(string target)
    {
        if (!_enabled)
        {
            return;
        }

        lock (_changes)
        {
            _commits++;
            foreach (var pair in _entries)
            {
                if (string.Equals(pair.Key.Target, target, StringComparison.Ordinal))
                {
                    Remove(pair);
                }
            }
        }
    }

    /// <summary>After a commit that changed comments of targets not known here (moderation, deletion, erasure, retention): forgets every page.</summary>
    public void ChangedAny()
    {
        if (!_enabled)
        {
            return;
        }

        lock (_changes)
        {
            _commits++;
            _entries.Clear();
            _characters = 0;
        }
    }

    private void Remove(KeyValuePair<(string Target, int PageSize), Entry> pair)
    {
        if (_entries.TryRemove(pair))
        {
            _characters -= pair.Value.Characters;
        }
    }

    /// <summary>
    /// Once over a bound, drops pages until a tenth of the room is free again: first those not read since the last
    /// sweep (a second chance for the rest, as a clock would give), then any.
    /// </summary>
    private void SweepIfFull()
    {
        if (_entries.Count <= Capacity && _characters <= MaxCharacters)
        {
            return;
        }

        foreach (var pass in new[] { false, true })
        {
            foreach (var pair in _entries)
            {
                if (_entries.Count <= Capacity - (Capacity / 10) && _characters <= MaxCharacters - (MaxCharacters / 10))
                {
                    return;
                }

                if (pass || !pair.Value.TakeUsed())
                {
                    Remove(pair);
                }
            }
        }
    }

    private sealed class Entry(CommentPage page)
    {
        private int _used;

        public CommentPage Page { get; } = page;

        public long Characters { get; } = page.Items.Sum(c => (long)c.Text.Length + (c.DisplayName?.Length ?? 0));

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
