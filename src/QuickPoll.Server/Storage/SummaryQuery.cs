using Microsoft.Data.Sqlite;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Storage;

/// <summary>
/// Reads a summary from the per-score counters: at most one row per score, however many answers there are.
/// A filter on one context value reads that value's counters instead of the overall ones.
/// </summary>
internal sealed class SummaryQuery : IDisposable
{
    private readonly SqliteCommand _overall;
    private readonly SqliteCommand _filtered;

    public SummaryQuery(SqliteConnection connection)
    {
        _overall = connection.CreateCommand();
        _overall.CommandText = "SELECT score, count FROM summary_counts WHERE target = $target AND kind = $kind;";
        _overall.Parameters.Add(new SqliteParameter { ParameterName = "$target" });
        _overall.Parameters.Add(new SqliteParameter { ParameterName = "$kind" });
        _filtered = connection.CreateCommand();
        _filtered.CommandText = "SELECT score, count FROM context_counts WHERE target = $target AND kind = $kind AND dimension = $dimension AND value = $value;";
        _filtered.Parameters.Add(new SqliteParameter { ParameterName = "$target" });
        _filtered.Parameters.Add(new SqliteParameter { ParameterName = "$kind" });
        _filtered.Parameters.Add(new SqliteParameter { ParameterName = "$dimension" });
        _filtered.Parameters.Add(new SqliteParameter { ParameterName = "$value" });
    }

    public void Enlist(SqliteTransaction? transaction) => _overall.Transaction = _filtered.Transaction = transaction;

    public FeedbackSummary Read(string target, FeedbackKind kind, (string Dimension, string Value)? filter = null)
    {
        var scale = FeedbackLimits.ScaleOf(kind);
        var distribution = new long[scale.Length];
        var command = filter is null ? _overall : _filtered;
        command.Parameters[0].Value = target;
        command.Parameters[1].Value = FeedbackKindNames.Of(kind);
        if (filter is { } f)
        {
            command.Parameters[2].Value = f.Dimension;
            command.Parameters[3].Value = f.Value;
        }

        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                var score = reader.GetInt32(0);
                if (scale.Contains(score))
                {
                    distribution[score - scale.Min] = reader.GetInt64(1);
                }
            }
        }

        return FeedbackSummary.FromDistribution(target, kind, distribution);
    }

    public void Dispose()
    {
        _overall.Dispose();
        _filtered.Dispose();
    }
}
