using System.Data.Common;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Answers;

/// <summary>
/// The values of <see cref="ContextDimension.Groupable"/> an answer or vote is counted under, beside the overall
/// counter; equal when every value is, so removals that count alike are uncounted together.
/// </summary>
internal sealed class AnswerContext : IEquatable<AnswerContext>
{
    private readonly string?[] _values;

    private AnswerContext(string?[] values) => _values = values;

    /// <summary>The names results can be broken down by: each of <see cref="ContextDimension.Groupable"/>, then <c>target</c>.</summary>
    public static readonly string[] Breakdowns = [.. ContextDimension.Groupable.Select(d => d.Name), "target"];

    public static AnswerContext Of(FeedbackContext context) => new([.. ContextDimension.Groupable.Select(d => d.ValueOf(context))]);

    /// <summary>Reads the columns of <see cref="ContextColumns.Counted"/>, selected from <paramref name="first"/> on.</summary>
    public static AnswerContext Read(DbDataReader reader, int first) =>
        new([.. ContextDimension.Groupable.Select((_, i) => reader.IsDBNull(first + i) ? null : reader.GetString(first + i))]);

    /// <summary>The (dimension, value) pairs counted, by the dimension's wire name.</summary>
    public IEnumerable<(string Dimension, string Value)> Groups()
    {
        for (var i = 0; i < _values.Length; i++)
        {
            if (_values[i] is { } value)
            {
                yield return (ContextDimension.Groupable[i].Name, value);
            }
        }
    }

    /// <summary>
    /// Where a group stands in a breakdown by <paramref name="dimension"/>: a field with defined values (the journey's
    /// stages) lists them in their order; for any other, every group ranks alike and the caller's order decides.
    /// </summary>
    public static int Rank(string? dimension, string value)
    {
        var values = ContextDimension.Find(dimension)?.Values ?? [];
        for (var i = 0; i < values.Count; i++)
        {
            if (values[i] == value)
            {
                return i;
            }
        }

        return values.Count;
    }

    /// <summary>
    /// Reads a summary's filter from the values given for <see cref="ContextDimension.Groupable"/>, in that order:
    /// at most one may be set.
    /// </summary>
    /// <returns><see langword="false"/> with the field and message to answer when a value is invalid or more than one is set.</returns>
    public static bool TryReadFilter(
        ReadOnlySpan<string?> values, out (string Dimension, string Value)? filter, out (string Field, string Message) problem)
    {
        (filter, problem) = (null, default);
        var filters = 0;
        for (var i = 0; i < ContextDimension.Groupable.Count; i++)
        {
            var (dimension, value) = (ContextDimension.Groupable[i], i < values.Length ? values[i] : null);
            if (dimension.Validate(value) is { } error)
            {
                problem = (dimension.Name, error);
                return false;
            }

            if (value is not null)
            {
                filter = (dimension.Name, value);
                filters++;
            }
        }

        if (filters > 1)
        {
            var names = ContextDimension.Groupable.Select(d => d.Name).ToArray();
            problem = ("filter", $"Filter a summary by one of {string.Join(", ", names[..^1])} or {names[^1]} at a time.");
            return false;
        }

        return true;
    }

    public bool Equals(AnswerContext? other) => other is not null && _values.AsSpan().SequenceEqual(other._values);

    public override bool Equals(object? obj) => Equals(obj as AnswerContext);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var value in _values)
        {
            hash.Add(value, StringComparer.Ordinal);
        }

        return hash.ToHashCode();
    }
}
