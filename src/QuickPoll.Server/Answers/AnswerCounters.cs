using System.Runtime.InteropServices;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Answers;

/// <summary>
/// The one place answers are counted: the overall counter of a score and one counter per context value, moved
/// together in the write's transaction so a summary never scans answers. A batch adds its moves up and writes each
/// counter it touched once, however many of its answers moved it.
/// </summary>
internal static class AnswerCounters
{
    /// <summary>Adds <paramref name="delta"/> (negative to uncount) to the overall counter and to each context counter of an answer.</summary>
    public static void Move(
        WriteBatch batch, string target, string kind, int score, AnswerContext context, int delta)
    {
        var moves = Moves.Of(batch);
        moves.Add(target, kind, score, delta);
        foreach (var (dimension, value) in context.Groups())
        {
            moves.Add(target, kind, dimension, value, score, delta);
        }
    }

    /// <summary>A target's summary as the batch will commit it, with every move of the batch counted.</summary>
    public static FeedbackSummary SummaryOf(WriteBatch batch, string target, FeedbackKind kind) => Moves.Of(batch).Summary(target, kind);

    /// <summary>One batch's moves: summed per counter, written just before a summary is read back or the batch commits.</summary>
    private sealed class Moves
    {
        private readonly WriteBatch _batch;
        private readonly Dictionary<(string Target, string Kind, int Score), long> _overall = [];
        private readonly Dictionary<(string Target, string Kind, string Dimension, string Value, int Score), long> _context = [];

        // The batch's whole change per target and kind, by score from the scale's lowest; kept after the counters are written.
        private readonly Dictionary<(string Target, FeedbackKind Kind), long[]> _changes = [];
        private readonly Dictionary<(string Target, FeedbackKind Kind), FeedbackSummary> _summaries = [];

        // The parameters of one multi-row statement, reused.
        private readonly (string Name, object? Value)[] _parameters = new (string, object?)[CountRows.Max * 4];

        private Moves(WriteBatch batch) => _batch = batch;

        public static Moves Of(WriteBatch batch)
        {
            if (batch.Items.TryGetValue(typeof(Moves), out var existing))
            {
                return (Moves)existing;
            }

            var moves = new Moves(batch);
            batch.Items[typeof(Moves)] = moves;
            batch.BeforeCommit(moves.BeforeCommit);
            return moves;
        }

        public void Add(string target, string kindName, int score, int delta)
        {
            CollectionsMarshal.GetValueRefOrAddDefault(_overall, (target, kindName, score), out _) += delta;
            if (!FeedbackKindNames.TryParse(kindName, out var kind))
            {
                return;
            }

            var scale = FeedbackLimits.ScaleOf(kind);
            ref var change = ref CollectionsMarshal.GetValueRefOrAddDefault(_changes, (target, kind), out _);
            change ??= new long[scale.Length];
            if (scale.Contains(score))
            {
                change[score - scale.Min] += delta;
            }

            // A summary worked out before this move no longer holds.
            _summaries.Remove((target, kind));
        }

        public void Add(string target, string kindName, string dimension, string value, int score, int delta) =>
            CollectionsMarshal.GetValueRefOrAddDefault(_context, (target, kindName, dimension, value, score), out _) += delta;

        public FeedbackSummary Summary(string target, FeedbackKind kind)
        {
            if (_summaries.TryGetValue((target, kind), out var known))
            {
                return known;
            }

            // Where this process is the only writer, the cached summary plus this batch's change is what the commit
            // will store; elsewhere the counters are written and read back inside the transaction.
            if (FromCache(target, kind) is not { } summary)
            {
                Write();
                summary = Application.ReadSummary.Query(_batch.Query, target, kind, filter: null);
            }

            _summaries[(target, kind)] = summary;
            return summary;
        }

        private FeedbackSummary? FromCache(string target, FeedbackKind kind)
        {
            if (!_batch.Summaries.TryGetCommitted(target, kind, out var committed))
            {
                return null;
            }

            if (!_changes.TryGetValue((target, kind), out var change))
            {
                return committed;
            }

            if (committed.Distribution.Count != change.Length)
            {
                return null;
            }

            var distribution = new long[change.Length];
            for (var i = 0; i < distribution.Length; i++)
            {
                distribution[i] = committed.Distribution[i] + change[i];
            }

            return FeedbackSummary.FromDistribution(target, kind, distribution);
        }

        private void BeforeCommit()
        {
            Write();
            if (!_batch.Summaries.Enabled)
            {
                return;
            }

            foreach (var (target, kind) in _changes.Keys)
            {
                // Worked out before the commit: once it is visible, a reader may refill the cache with the new figures.
                var summary = _summaries.GetValueOrDefault((target, kind)) ?? FromCache(target, kind);
                _batch.AfterCommit(() => _batch.Summaries.Committed(target, kind, summary));
            }
        }

        /// <summary>
        /// Writes each counter moved since the last call once, in one order every writer shares so that concurrent
        /// PostgreSQL writers lock alike: by target, kind and score, then dimension and value. Counts go in multi-row
        /// upserts (an answer's context counters in one statement, sharing its target, kind and score), uncounts one by one.
        /// </summary>
        private void Write()
        {
            if (_overall.Count > 0)
            {
                var counters = _overall.Where(c => c.Value != 0).ToArray();
                Array.Sort(counters, static (a, b) => Compare(a.Key.Target, b.Key.Target, a.Key.Kind, b.Key.Kind) is var c && c != 0 ? c : a.Key.Score.CompareTo(b.Key.Score));
                for (var i = 0; i < counters.Length;)
                {
                    var ((target, kind, score), delta) = counters[i];
                    if (delta < 0)
                    {
                        // An uncount that reaches zero drops the row: nothing is kept of values no answer has any more.
                        _batch.Execute(
                            """
                            UPDATE summary_counts SET count = count + @delta WHERE target = @target AND kind = @kind AND score = @score;
                            DELETE FROM summary_counts WHERE target = @target AND kind = @kind AND score = @score AND count = 0;
                            """,
                            ("@target", target), ("@kind", kind), ("@score", score), ("@delta", delta));
                        i++;
                        continue;
                    }

                    var rows = 0;
                    while (i + rows < counters.Length && rows < CountRows.Max && counters[i + rows].Value > 0)
                    {
                        var ((t, k, sc), d) = counters[i + rows];
                        CountRows.Set(_parameters, rows, t, k, sc, d);
                        rows++;
                    }

                    _batch.Execute(CountRows.Overall(rows), _parameters.AsSpan(0, rows * 4));
                    i += rows;
                }

                _overall.Clear();
            }

            if (_context.Count > 0)
            {
                var counters = _context.Where(c => c.Value != 0).ToArray();
                Array.Sort(counters, static (a, b) =>
                    Compare(a.Key.Target, b.Key.Target, a.Key.Kind, b.Key.Kind) is var c && c != 0 ? c
                    : a.Key.Score.CompareTo(b.Key.Score) is var s && s != 0 ? s
                    : Compare(a.Key.Dimension, b.Key.Dimension, a.Key.Value, b.Key.Value));
                for (var i = 0; i < counters.Length;)
                {
                    var ((target, kind, dimension, value, score), delta) = counters[i];
                    if (delta < 0)
                    {
                        _batch.Execute(
                            """
                            UPDATE context_counts SET count = count + @delta
                            WHERE target = @target AND kind = @kind AND dimension = @dimension AND value = @value AND score = @score;
                            DELETE FROM context_counts
                            WHERE target = @target AND kind = @kind AND dimension = @dimension AND value = @value AND score = @score AND count = 0;
                            """,
                            ("@target", target), ("@kind", kind), ("@dimension", dimension), ("@value", value), ("@score", score), ("@delta", delta));
                        i++;
                        continue;
                    }

                    // The counts of one target, kind and score share those three parameters.
                    _parameters[0] = ("@target", target);
                    _parameters[1] = ("@kind", kind);
                    _parameters[2] = ("@score", score);
                    var rows = 0;
                    while (i + rows < counters.Length && rows < CountRows.Max && counters[i + rows] is var ((t, k, _, _, sc), d)
                        && d > 0 && sc == score && t == target && k == kind)
                    {
                        var key = counters[i + rows].Key;
                        CountRows.SetContext(_parameters, rows, key.Dimension, key.Value, d);
                        rows++;
                    }

                    _batch.Execute(CountRows.Context(rows), _parameters.AsSpan(0, 3 + rows * 3));
                    i += rows;
                }

                _context.Clear();
            }
        }

        private static int Compare(string a1, string b1, string a2, string b2) =>
            string.CompareOrdinal(a1, b1) is var c && c != 0 ? c : string.CompareOrdinal(a2, b2);
    }

    /// <summary>The multi-row upserts of counts, one SQL text per number of rows (at most <see cref="Max"/>), and their parameters.</summary>
    private static class CountRows
    {
        public const int Max = 16;

        private static readonly string[] s_overall = [.. Enumerable.Range(0, Max + 1).Select(n => n == 0 ? "" : $"""
            INSERT INTO summary_counts (target, kind, score, count) VALUES {string.Join(", ", Enumerable.Range(0, n).Select(i => $"(@t{i}, @k{i}, @s{i}, @c{i})"))}
            ON CONFLICT (target, kind, score) DO UPDATE SET count = summary_counts.count + excluded.count;
            """)];

        private static readonly string[] s_context = [.. Enumerable.Range(0, Max + 1).Select(n => n == 0 ? "" : $"""
            INSERT INTO context_counts (target, kind, dimension, value, score, count) VALUES {string.Join(", ", Enumerable.Range(0, n).Select(i => $"(@target, @kind, @d{i}, @v{i}, @score, @c{i})"))}
            ON CONFLICT (target, kind, dimension, value, score) DO UPDATE SET count = context_counts.count + excluded.count;
            """)];

        private static readonly string[][] s_names = [.. Enumerable.Range(0, Max).Select(i => new[] { $"@t{i}", $"@k{i}", $"@s{i}", $"@c{i}", $"@d{i}", $"@v{i}" })];

        public static string Overall(int rows) => s_overall[rows];

        public static string Context(int rows) => s_context[rows];

        public static void Set((string, object?)[] parameters, int row, string target, string kind, int score, long count)
        {
            var names = s_names[row];
            parameters[row * 4] = (names[0], target);
            parameters[row * 4 + 1] = (names[1], kind);
            parameters[row * 4 + 2] = (names[2], score);
            parameters[row * 4 + 3] = (names[3], count);
        }

        public static void SetContext((string, object?)[] parameters, int row, string dimension, string value, long count)
        {
            var names = s_names[row];
            parameters[3 + row * 3] = (names[4], dimension);
            parameters[3 + row * 3 + 1] = (names[5], value);
            parameters[3 + row * 3 + 2] = (names[3], count);
        }
    }
}
