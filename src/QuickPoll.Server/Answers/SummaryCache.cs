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
internal sealed class SummaryCache(bool enabled)
{
    private readonly ConcurrentDictionary<(string Target, FeedbackKind Kind), Entry> _entries = new();

    public bool Enabled => enabled;

    /// <summary>The cached summary, or a fresh read that is kept unless a commit changed the target meanwhile.</summary>
    public FeedbackSummary GetOrRead(string target, FeedbackKind kind, Func<FeedbackSummary> read)
    {
        if (!enabled)
        {
            return read();
        }

        var key = (target, kind);
        var before = _entries.GetValueOrDefault(key);
        if (before?.Summary is { } cached)
        {
            return cached;
        }

        var fresh = read();
        var entry = new Entry(before?.Version ?? 0, fresh);
        // Versions only grow: a commit that happened during the read makes this store attempt fail.
        _ = before is null ? _entries.TryAdd(key, entry) : _entries.TryUpdate(key, entry, before);
        return fresh;
    }

    /// <summary>
    /// The cached summary, for the writer: between its commits nothing else changes the counters, and an entry a reader
    /// stores meanwhile holds the last commit's figures.
    /// </summary>
    public bool TryGetCommitted(string target, FeedbackKind kind, [NotNullWhen(true)] out FeedbackSummary? summary)
    {
        summary = enabled ? _entries.GetValueOrDefault((target, kind))?.Summary : null;
        return summary is not null;
    }

    /// <summary>After a commit that moved a target's counters: keeps its new summary when known, else forgets it.</summary>
    public void Committed(string target, FeedbackKind kind, FeedbackSummary? summary)
    {
        if (enabled)
        {
            _entries.AddOrUpdate((target, kind), _ => new Entry(1, summary), (_, old) => new Entry(old.Version + 1, summary));
        }
    }

    private sealed record Entry(long Version, FeedbackSummary? Summary);
}
