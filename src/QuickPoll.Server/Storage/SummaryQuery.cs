using Microsoft.Data.Sqlite;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Storage;

/// <summary>Reads a summary from the per-score counters: at most one row per score, however many answers there are.</summary>
internal sealed class SummaryQuery : IDisposable
{
    private readonly SqliteCommand _command;

    public SummaryQuery(SqliteConnection connection)
    {
        _command = connection.CreateCommand();
        _command.CommandText = "SELECT score, count FROM summary_counts WHERE target = $target AND kind = $kind;";
        _command.Parameters.Add(new SqliteParameter { ParameterName = "$target" });
        _command.Parameters.Add(new SqliteParameter { ParameterName = "$kind" });
    }

    public void Enlist(SqliteTransaction? transaction) => _command.Transaction = transaction;

    public FeedbackSummary Read(string target, FeedbackKind kind)
    {
        var scale = FeedbackLimits.ScaleOf(kind);
        var distribution = new long[scale.Length];
        _command.Parameters[0].Value = target;
        _command.Parameters[1].Value = FeedbackKindNames.Of(kind);
        using (var reader = _command.ExecuteReader())
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

    public void Dispose() => _command.Dispose();
}
