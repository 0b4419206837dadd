using QuickPoll.Contracts;
using QuickPoll.Server.Results;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>The staff dashboard's export: every raw answer of a period, streamed, so any number of rows never fills memory.</summary>
internal sealed class DashboardExport(Database database)
{
    public IAsyncEnumerable<ExportedAnswer> Read(DateTimeOffset from, DateTimeOffset to, string? target, CancellationToken cancellationToken) =>
        AnswerExport.ReadAsync(database, from, to, target, cancellationToken);
}
