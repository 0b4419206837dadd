using QuickPoll.Contracts;

namespace QuickPoll.Server.Storage;

/// <summary>Serves summary reads from pooled read connections, beside the single writer.</summary>
internal sealed class SummaryReader(SqliteStore store)
{
    public FeedbackSummary Read(string target, FeedbackKind kind, (string Dimension, string Value)? filter = null)
    {
        using var connection = store.OpenConnection();
        using var query = new SummaryQuery(connection);
        return query.Read(target, kind, filter);
    }
}
