using System.Globalization;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Results;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

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
    private const string Admin = "/api/v1/admin";

    public Task<PollSummary> CreatePollAsync(PollDefinition poll, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, "/polls", () => createPoll.RunAsync(Required(poll), cancellationToken));

    public Task<IReadOnlyList<PollSummary>> ListPollsAsync(CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/polls", () => Task.FromResult(listPolls.Run()));

    public Task<PollSummary> UpdatePollAsync(string pollId, PollDefinition poll, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Put, $"/polls/{pollId}", () => updatePoll.RunAsync(pollId, Required(poll), cancellationToken));

    public Task<PollResultsBreakdown> GetPollResultsAsync(string pollId, string? breakdown = null, string? locale = null, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, $"/polls/{pollId}/results", () => Task.FromResult(pollResults.Run(new PollResultsRequest(pollId, breakdown, locale))));

    public Task<ModerationPage> GetCommentsForModerationAsync(
        CommentStatus? status = null, string? target = null, string? holdReason = null, int? rating = null, int page = 1, int pageSize = 20,
        CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/comments", () => Task.FromResult(moderationQueue.Run(new ModerationQueueRequest(
            status is { } wanted ? CommentStore.StatusName(wanted) : null, target, holdReason, Text(rating), Text(page), Text(pageSize)))));

    public Task<ModerationResult> ModerateCommentsAsync(ModerationDecision decision, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, "/comments/moderation", () => moderate.RunAsync(Required(decision), cancellationToken));

    public Task DeleteCommentAsync(long commentId, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Delete, $"/comments/{commentId}", async () =>
        {
            await deleteComment.RunAsync(Text(commentId)!, cancellationToken);
            return true;
        });

    public Task<ResultsBreakdown> GetResultsAsync(
        string? target = null, FeedbackKind kind = FeedbackKind.Stars, string? breakdown = null, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/results", () => Task.FromResult(results.Run(new ResultsRequest(target, FeedbackKindNames.Of(kind), breakdown))));

    public Task<InsightsOverview> GetInsightsAsync(
        DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/insights", () => Task.FromResult(insights.Overview(new InsightsRequest(Text(from), Text(until), target))));

    public Task<InsightsBreakdown> GetInsightsBreakdownAsync(
        FeedbackKind kind, string by, DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/insights/breakdown", () => Task.FromResult(insights.Breakdown(
            new InsightsBreakdownRequest(FeedbackKindNames.Of(kind), by, Text(from), Text(until), target))));

    public Task<FeedbackImportResult> ImportAsync(FeedbackImport import, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, "/import", () => importFeedback.RunAsync(Required(import), cancellationToken));

    public Task<IReadOnlyList<ExportedAnswer>> ExportAnswersAsync(
        DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync<IReadOnlyList<ExportedAnswer>>(HttpMethod.Get, "/answers", async () =>
            await export.Run(new AnswerExportRequest(Text(from), Text(until), target, "json"), cancellationToken).Answers.ToListAsync(cancellationToken));

    public Task<Stream> ExportAnswersCsvAsync(
        DateTimeOffset? from = null, DateTimeOffset? until = null, string? target = null, CancellationToken cancellationToken = default) =>
        CallAsync<Stream>(HttpMethod.Get, "/answers", async () =>
        {
            var answers = export.Run(new AnswerExportRequest(Text(from), Text(until), target, "csv"), cancellationToken).Answers;
            var csv = new MemoryStream();
            await AnswerExport.WriteCsvAsync(csv, answers, cancellationToken);
            csv.Position = 0;
            return csv;
        });

    public Task<VisitorErasure> EraseVisitorAsync(string visitorId, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Delete, $"/visitors/{visitorId}", () => erase.RunAsync(visitorId, cancellationToken));

    public Task<RegisteredSite> CreateSiteAsync(SiteDefinition site, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, "/sites", () => registerSite.RunAsync(Required(site), cancellationToken));

    public Task<IReadOnlyList<RegisteredSite>> ListSitesAsync(CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/sites", () => Task.FromResult(access.Sites()));

    public Task<RegisteredSite> UpdateSiteAsync(string siteId, SiteDefinition site, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Put, $"/sites/{siteId}", () => updateSite.RunAsync(siteId, Required(site), cancellationToken));

    public Task<RegisteredSite> RotateSitePublicKeyAsync(string siteId, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, $"/sites/{siteId}/public-key", () => rotateKey.RunAsync(siteId, cancellationToken));

    public Task<CreatedAdminKey> CreateAdminKeyAsync(CreateAdminKeyRequest key, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Post, "/keys", () => createKey.RunAsync(Required(key), cancellationToken));

    public Task<IReadOnlyList<AdminKeyInfo>> ListAdminKeysAsync(CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Get, "/keys", () => Task.FromResult(access.AdminKeys()));

    public Task<AdminKeyInfo> RevokeAdminKeyAsync(string keyId, CancellationToken cancellationToken = default) =>
        CallAsync(HttpMethod.Delete, $"/keys/{keyId}", () => revokeKey.RunAsync(keyId, cancellationToken));

    /// <summary>Runs a use case; a refusal, its own or the storage's, becomes the exception the HTTP SDK throws for the same problem.</summary>
    private static async Task<T> CallAsync<T>(HttpMethod method, string path, Func<Task<T>> run)
    {
        try
        {
            return await run();
        }
        catch (QuickPollRefusal refusal)
        {
            throw Exception(method, path, refusal);
        }
        catch (WriteRejectedException rejection)
        {
            throw Exception(method, path, QuickPollRefusal.From(rejection));
        }
        catch (WriteUnavailableException busy)
        {
            throw Exception(method, path, QuickPollRefusal.From(busy));
        }
    }

    private static QuickPollApiException Exception(HttpMethod method, string path, QuickPollRefusal refusal) =>
        QuickPollApiException.FromRefusal(method, Admin + path, refusal.StatusCode, refusal.Title, refusal.Detail, refusal.Errors, refusal.RetryAfterSeconds);

    // The HTTP API refuses a missing body with 400 naming "body"; a null argument in process is the same mistake.
    private static T Required<T>(T? body)
        where T : class =>
        body ?? throw QuickPollRefusal.Invalid("body", "The request body must be a JSON object.");

    // As the HTTP SDK writes query values: invariant numbers, round-trip dates.
    private static string? Text(long? value) => value?.ToString(CultureInfo.InvariantCulture);

    private static string? Text(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture);
}
