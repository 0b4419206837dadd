using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;

namespace QuickPoll.Server.Storage;

/// <summary>
/// What a cache of the writer's data holds in memory, bounded in entries and in a weight of the caller's choosing
/// (characters, say): once over either bound, a sweep drops entries until a tenth of the room is free again, first those
/// not read since the last sweep (a second chance for the rest, as a clock would give), then any. One sweep pays for many
/// stores. Reads take no lock; the owner serialises every change (store, removal, sweep) under its own lock.
/// </summary>
internal sealed class HeldEntries<TKey, TValue>
    where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, Entry> _entries = new();
    private readonly int _capacity;
    private readonly long _maxWeight;
    private readonly Func<TValue, long>? _weigh;
    private long _weight;

    /// <param name="capacity">How many entries are held at most.</param>
    /// <param name="maxWeight">How much weight is held at most, when <paramref name="weigh"/> is given.</param>
    /// <param name="weigh">An entry's weight, or none.</param>
    public HeldEntries(int capacity, long maxWeight = long.MaxValue, Func<TValue, long>? weigh = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        (_capacity, _maxWeight, _weigh) = (capacity, maxWeight, weigh);
    }

    /// <summary>How many entries are held now.</summary>
    public int Count => _entries.Count;

    /// <summary>Whether <paramref name="value"/> is too heavy to be held at all.</summary>
    public bool TooHeavy(TValue value) => _weigh is not null && _weigh(value) > _maxWeight;

    /// <summary>The held value; a read marks it as used since the last sweep.</summary>
    public bool TryRead(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        if (_entries.TryGetValue(key, out var entry))
        {
            entry.Touch();
            value = entry.Value;
            return true;
        }

        value = default;
        return false;
    }

    /// <summary>The held value, without marking it as used (the writer's look-ups are not a visitor's interest).</summary>
    public bool TryPeek(TKey key, [MaybeNullWhen(false)] out TValue value)
    {
        var found = _entries.TryGetValue(key, out var entry);
        value = found ? entry!.Value : default;
        return found;
    }

    /// <summary>Holds <paramref name="value"/> unless the key is held already; under the owner's lock.</summary>
    public bool TryAdd(TKey key, TValue value)
    {
        var entry = new Entry(value, _weigh?.Invoke(value) ?? 0);
        if (!_entries.TryAdd(key, entry))
        {
            return false;
        }

        _weight += entry.Weight;
        SweepIfFull();
        return true;
    }

    /// <summary>Holds <paramref name="value"/> in place of what the key held; under the owner's lock.</summary>
    public void Set(TKey key, TValue value)
    {
        Remove(key);
        TryAdd(key, value);
    }

    /// <summary>Forgets a key; under the owner's lock.</summary>
    public void Remove(TKey key)
    {
        if (_entries.TryRemove(key, out var entry))
        {
            _weight -= entry.Weight;
        }
    }

    /// <summary>Forgets every key that <paramref name="match"/> selects; under the owner's lock.</summary>
    public void RemoveWhere(Func<TKey, bool> match)
    {
        foreach (var pair in _entries)
        {
            if (match(pair.Key))
            {
                Remove(pair);
            }
        }
    }

    /// <summary>Forgets everything; under the owner's lock.</summary>
    public void Clear()
    {
        _entries.Clear();
        _weight = 0;
    }

    private void Remove(KeyValuePair<TKey, Entry> pair)
    {
        if (_entries.TryRemove(pair))
        {
            _weight -= pair.Value.Weight;
        }
    }

    private void SweepIfFull()
    {
        if (_entries.Count <= _capacity && _weight <= _maxWeight)
        {
            return;
        }

        var count = _capacity - Math.Max(1, _capacity / 10);
        var weight = _maxWeight - (_maxWeight / 10);
        foreach (var pass in new[] { false, true })
        {
            foreach (var pair in _entries)
            {
                if (_entries.Count <= count && _weight <= weight)
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

    private sealed class Entry(TValue value, long weight)
    {
        private int _used;

        public TValue Value { get; } = value;

        public long Weight { get; } = weight;

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
