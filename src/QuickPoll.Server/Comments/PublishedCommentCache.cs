using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

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

    private readonly HeldEntries<(string Target, int PageSize), CommentPage> _entries =
        new(Capacity, MaxCharacters, static page => page.Items.Sum(c => (long)c.Text.Length + (c.DisplayName?.Length ?? 0)));

    // Serialises what changes the dictionary (a reader's store, a commit's forget, a sweep), never a hit.
    private readonly Lock _changes = new();
    private readonly bool _enabled;
    private long _commits;

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
        if (_entries.TryRead(key, out var hit))
        {
            return hit;
        }

        var before = Volatile.Read(ref _commits);
        var fresh = read();
        if (fresh.Total > 0)
        {
            // Read-only, as every caller shares it.
            var held = fresh with { Items = Array.AsReadOnly(fresh.Items.ToArray()) };
            lock (_changes)
            {
                // Under the lock a commit either came before this check (the count moved: the read may be older than
                // it) or comes after this store (and forgets it).
                if (_commits == before && !_entries.TooHeavy(held))
                {
                    _entries.TryAdd(key, held);
                }
            }

            return held;
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
            _entries.RemoveWhere(key => string.Equals(key.Target, target, StringComparison.Ordinal));
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
        }
    }
}
