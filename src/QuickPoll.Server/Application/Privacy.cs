using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>
/// Staff erase a visitor: their answers, poll votes and comments are deleted and uncounted in one transaction.
/// Erasing again erases nothing and returns zeros.
/// </summary>
internal sealed class EraseVisitor(WriteQueue writes)
{
    public Task<VisitorErasure> RunAsync(string visitorId, CancellationToken cancellationToken) =>
        FeedbackLimits.ValidateVisitorId(visitorId) is { } error
            ? throw QuickPollRefusal.Invalid("visitorId", error)
            : writes.WriteAsync(new Privacy.EraseVisitor(visitorId), cancellationToken);
}

/// <summary>Staff bring earlier feedback in with its original dates, stored whole or not at all.</summary>
internal sealed class ImportFeedback(WriteQueue writes, Microsoft.Extensions.Options.IOptions<QuickPollServerOptions> options, TimeProvider time)
{
    public Task<FeedbackImportResult> RunAsync(FeedbackImport import, CancellationToken cancellationToken) =>
        ImportLimits.Validate(import, time.GetUtcNow()) is { Count: > 0 } errors
            ? throw QuickPollRefusal.Invalid(errors)
            // Not the caller's token: once begun, an import runs to its end or is undone.
            : Import.ImportFeedback.RunAsync(writes, import, options.Value);
}
