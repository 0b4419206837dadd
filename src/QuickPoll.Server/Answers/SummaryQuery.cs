using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Answers;

/// <summary>
/// Reads a summary from the per-score counters: at most one row per score, however many answers there are.
/// A filter on one context value reads that value's counters instead of the overall ones.
/// </summary>
internal static class SummaryQuery
{
    public static FeedbackSummary Read(QueryRunner query, string target, FeedbackKind kind, (string Dimension, string Value)? filter)
    {
        var scale = FeedbackLimits.ScaleOf(kind);
        var distribution = new long[scale.Length];
        var kindName = FeedbackKindNames.Of(kind);
        using (var reader = filter is { } f
            ? query(
                "SELECT score, count FROM context_counts WHERE target = @target AND kind = @kind AND dimension = @dimension AND value = @value;",
                ("@target", target), ("@kind", kindName), ("@dimension", f.Dimension), ("@value", f.Value))
            : query("SELECT score, count FROM summary_counts WHERE target = @target AND kind = @kind;", ("@target", target), ("@kind", kindName)))
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
}

/// <summary>Serves summary reads from pooled read connections, beside the single writer.</summary>
internal sealed class SummaryReader(Database database, SummaryCache cache)
{
    public FeedbackSummary Read(string target, FeedbackKind kind, (string Dimension, string Value)? filter = null) =>
        filter is null
            ? cache.GetOrRead(target, kind, () => database.Read(query => SummaryQuery.Read(query, target, kind, null)))
            : database.Read(query => SummaryQuery.Read(query, target, kind, filter));
}
