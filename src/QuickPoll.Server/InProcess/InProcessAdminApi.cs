using System.Globalization;
using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Results;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.InProcess;

/// <summary>
/// The staff's API in the same process: the use cases behind <c>MapQuickPollAdmin()</c>, called directly, with no
/// address, no admin key and no HTTP hop. Values go in as the HTTP SDK would send them, so validation, results and
/// refusals (a <see cref="QuickPollApiException"/> with the same status, title, detail and errors) are the HTTP API's.
/// </summary>
internal sealed class InProcessAdminApi(
    CreatePoll createPoll, ListPolls listPolls, UpdatePoll updatePoll, ReadPollResultsBreakdown pollResults,
    ReadModerationQueue moderationQueue, ModerateComments moderate, DeleteComment deleteComment,
    ReadResults results, ReadInsights insights, ImportFeedback importFeedback, ExportAnswers export, EraseVisitor erase,
    RegisterSite registerSite, UpdateSite updateSite, RotateSitePublicKey rotateKey, CreateAdminKey createKey, RevokeAdminKey revokeKey,
    ReadAccess access) : IQuickPollAdminApi
{
    public Task<PollSummary> CreatePollAsync(PollDefinition poll, CancellationToken cancellationToken = default) =>
        CallAsync(() => createPoll.RunAsync(Required(poll), cancellationToken));

    public Task<IReadOnlyList<PollSummary>> ListPollsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(listPolls.Run()));

    public Task<PollSummary> UpdatePollAsync(string pollId, PollDefinition poll, CancellationToken cancellationToken = default) =>
        CallAsync(() => updatePoll.RunAsync(pollId, Required(poll), cancellationToken));

    public Task<PollResultsBreakdown> GetPollResultsAsync(string pollId, string? breakdown = null, string? locale = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(pollResults.Run(new PollResultsRequest(pollId, breakdown, locale))));

    public Task<ModerationPage> GetCommentsForModerationAsync(
        CommentStatus? status = null, string? target = null, string? holdReason = null, int? rating = null, int page = 1, int pageSize = 20,
        CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(moderationQueue.Run(new ModerationQueueRequest(
            status is { } wanted ? Comments.CommentStore.StatusName(wanted) : null, target, holdReason, Text(rating), Text(page), Text(pageSize)))));

    public Task<ModerationResult> ModerateCommentsAsync(ModerationDecision decision, CancellationToken cancellationToken = default) =>
        CallAsync(() => moderate.RunAsync(Required(decision), cancellationToken));

    public Task DeleteCommentAsync(long commentId, CancellationToken cancellationToken = default) =>
        CallAsync(async () =>
        {
            await deleteComment.RunAsync(Text(commentId)!, cancellationToken);
            return true;
        });

    public Task<ResultsBreakdown> GetResultsAsync(
        string? target = null, FeedbackKind kind = FeedbackKind.Stars, string? breakdown = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(results.Run(new ResultsRequest(target, FeedbackKindNames.Of(kind), breakdown))));

    public Task<InsightsOverview> GetInsightsAsync(
        DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(insights.Overview(new InsightsRequest(Text(from), Text(until), target))));

    public Task<InsightsBreakdown> GetInsightsBreakdownAsync(
        FeedbackKind kind, string by, DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(insights.Breakdown(
            new InsightsBreakdownRequest(FeedbackKindNames.Of(kind), by, Text(from), Text(until), target))));

    public Task<FeedbackImportResult> ImportAsync(FeedbackImport import, CancellationToken cancellationToken = default) =>
        CallAsync(() => importFeedback.RunAsync(Required(import), cancellationToken));

    public Task<IReadOnlyList<ExportedAnswer>> ExportAnswersAsync(
        DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<ExportedAnswer>>(async () =>
            await export.Run(new AnswerExportRequest(Text(from), Text(until), target, "json"), cancellationToken).Answers.ToListAsync(cancellationToken));

    public Task<Stream> ExportAnswersCsvAsync(
        DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync<Stream>(async () =>
        {
            var answers = export.Run(new AnswerExportRequest(Text(from), Text(until), target, "csv"), cancellationToken).Answers;
            var csv = new MemoryStream();
            await AnswerExport.WriteCsvAsync(csv, answers, cancellationToken);
            csv.Position = 0;
            return csv;
        });

    public Task<VisitorErasure> EraseVisitorAsync(string visitorId, CancellationToken cancellationToken = default) =>
        CallAsync(() => erase.RunAsync(visitorId, cancellationToken));

    public Task<RegisteredSite> CreateSiteAsync(SiteDefinition site, CancellationToken cancellationToken = default) =>
        CallAsync(() => registerSite.RunAsync(Required(site), cancellationToken));

    public Task<IReadOnlyList<RegisteredSite>> ListSitesAsync(CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(access.Sites()));

    public Task<RegisteredSite> UpdateSiteAsync(string siteId, SiteDefinition site, CancellationToken cancellationToken = default) =>
        CallAsync(() => updateSite.RunAsync(siteId, Required(site), cancellationToken));

    public Task<RegisteredSite> RotateSitePublicKeyAsync(string siteId, CancellationToken cancellationToken = default) =>
        CallAsync(() => rotateKey.RunAsync(siteId, cancellationToken));

    public Task<CreatedAdminKey> CreateAdminKeyAsync(CreateAdminKeyRequest key, CancellationToken cancellationToken = default) =>
        CallAsync(() => createKey.RunAsync(Required(key), cancellationToken));

    public Task<IReadOnlyList<AdminKeyInfo>> ListAdminKeysAsync(CancellationToken cancellationToken = default) =>
        CallAsync(() => Task.FromResult(access.AdminKeys()));

    public Task<AdminKeyInfo> RevokeAdminKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        CallAsync(() => revokeKey.RunAsync(keyId, cancellationToken));

    /// <summary>Runs a use case; a refusal, its own or the storage's, becomes the exception the HTTP SDK throws for the same problem.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (QuickPollRefusal refusal)
        {
            throw refusal.ToClientException();
        }
        catch (WriteRejectedException rejection)
        {
            throw QuickPollRefusal.From(rejection).ToClientException();
        }
        catch (WriteUnavailableException busy)
        {
            throw QuickPollRefusal.From(busy).ToClientException();
        }
    }

    // The HTTP API refuses a missing body with 400 naming "body"; a null argument in process is the same mistake.
    private static T Required<T>(T? body)
        where T : class =>
        body ?? throw QuickPollRefusal.Invalid("body", "The request body must be a JSON object.");

    // As the HTTP SDK writes query values: invariant numbers, round-trip dates.
    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);
}
