using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Client;

/// <summary>The staff's QuickPoll API: poll management, moderation, results and erasing a visitor. Calls carry the admin key.</summary>
/// <remarks>Register it with <c>services.AddQuickPollAdminClient(...)</c>, setting <see cref="QuickPollClientOptions.AdminKey"/>.</remarks>
public interface IQuickPollAdminApi
{
    /// <summary>Creates a poll.</summary>
    /// <param name="poll">The poll's question, choices and dates.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created poll with its id.</returns>
    [Post("/api/v1/admin/polls")]
    Task<PollSummary> CreatePollAsync([Body] PollDefinition poll, CancellationToken cancellationToken = default);

    /// <summary>Lists every poll, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The polls.</returns>
    [Get("/api/v1/admin/polls")]
    Task<IReadOnlyList<PollSummary>> ListPollsAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces a poll's definition: change its texts or dates, or close it.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="poll">The new definition.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed poll.</returns>
    [Put("/api/v1/admin/polls/{pollId}")]
    Task<PollSummary> UpdatePollAsync(string pollId, [Body] PollDefinition poll, CancellationToken cancellationToken = default);

    /// <summary>Reads a poll's results overall and, optionally, per segment, journeyStage, touchpoint or locale.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="breakdown">The context field to group by, or null for the overall results alone.</param>
    /// <param name="locale">The language of the choice labels.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results.</returns>
    [Get("/api/v1/admin/polls/{pollId}/results")]
    Task<PollResultsBreakdown> GetPollResultsAsync(string pollId, [Query] string? breakdown = null, [Query] string? locale = null, CancellationToken cancellationToken = default);

    /// <summary>Reads comments for moderation, newest first, filtered by any of status, target, hold reason and rating.</summary>
    /// <param name="status">Only comments in this state, for example <see cref="CommentStatus.Held"/> for the moderation queue.</param>
    /// <param name="target">Only comments about this target.</param>
    /// <param name="holdReason">Only comments held for this reason: <c>moderation</c>, <c>link</c> or <c>word</c>.</param>
    /// <param name="rating">Only comments with this star rating.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">Comments per page, up to <see cref="CommentLimits.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, with the total count.</returns>
    [Get("/api/v1/admin/comments")]
    Task<ModerationPage> GetCommentsForModerationAsync(
        [Query] CommentStatus? status = null, [Query] string? target = null, [Query] string? holdReason = null, [Query] int? rating = null,
        [Query] int page = 1, [Query] int pageSize = 20, CancellationToken cancellationToken = default);

    /// <summary>Approves (publishes) or rejects one or many comments.</summary>
    /// <param name="decision">The comments and the decision.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many comments were changed.</returns>
    [Post("/api/v1/admin/comments/moderation")]
    Task<ModerationResult> ModerateCommentsAsync([Body] ModerationDecision decision, CancellationToken cancellationToken = default);

    /// <summary>Deletes one comment for good, whatever its status (and the used order token that verified it).</summary>
    /// <param name="commentId">The comment's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>Completes once it is deleted; a comment that does not exist (or was deleted already) is a 404 problem.</returns>
    [Delete("/api/v1/admin/comments/{commentId}")]
    Task DeleteCommentAsync(long commentId, CancellationToken cancellationToken = default);

    /// <summary>Reads the answers of one kind overall and, optionally, broken down by a context field or by target.</summary>
    /// <param name="target">One target, or null for every target together.</param>
    /// <param name="kind">The scale.</param>
    /// <param name="breakdown">segment, journeyStage, touchpoint, locale or target; null for the overall figure alone.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The overall summary and one per group, largest first (journey stages in the journey's order).</returns>
    [Get("/api/v1/admin/results")]
    Task<ResultsBreakdown> GetResultsAsync(
        [Query] string? target = null, [Query] FeedbackKind kind = FeedbackKind.Stars, [Query] string? breakdown = null, CancellationToken cancellationToken = default);

    /// <summary>Reads every kind's figures for a date range: the period, the period just before it, and a day-by-day trend.</summary>
    /// <param name="from">The first moment included; null for 30 days before <paramref name="until"/>.</param>
    /// <param name="until">The first moment excluded; null for now.</param>
    /// <param name="target">One target, or null for every target together.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One entry per feedback kind.</returns>
    [Get("/api/v1/admin/insights")]
    Task<InsightsOverview> GetInsightsAsync(
        [Query(Format = "O")] DateTimeOffset? from = null, [Query(Format = "O"), AliasAs("to")] DateTimeOffset? until = null, [Query] string? target = null,
        CancellationToken cancellationToken = default);

    /// <summary>Reads one kind's figures for a date range per segment, journeyStage, touchpoint, locale or target.</summary>
    /// <param name="kind">The scale.</param>
    /// <param name="by">segment, journeyStage, touchpoint, locale or target.</param>
    /// <param name="from">The first moment included; null for 30 days before <paramref name="until"/>.</param>
    /// <param name="until">The first moment excluded; null for now.</param>
    /// <param name="target">One target, or null for every target together.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>One summary per group, largest first (journey stages in the journey's order).</returns>
    [Get("/api/v1/admin/insights/breakdown")]
    Task<InsightsBreakdown> GetInsightsBreakdownAsync(
        [Query] FeedbackKind kind, [Query] string by, [Query(Format = "O")] DateTimeOffset? from = null, [Query(Format = "O"), AliasAs("to")] DateTimeOffset? until = null,
        [Query] string? target = null, CancellationToken cancellationToken = default);

    /// <summary>Imports earlier answers and comments with their original dates (from the tool used before, say), stored whole or not at all.</summary>
    /// <param name="import">Up to <see cref="ImportLimits.MaxItems"/> answers and comments.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many answers and comments were stored.</returns>
    [Post("/api/v1/admin/import")]
    Task<FeedbackImportResult> ImportAsync([Body] FeedbackImport import, CancellationToken cancellationToken = default);

    /// <summary>Exports raw answers created in a date range as JSON objects (read into memory: use CSV for large ranges).</summary>
    /// <param name="from">The first moment included; null for the beginning.</param>
    /// <param name="until">The first moment excluded; null for now.</param>
    /// <param name="target">Only answers about this target.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The answers, oldest first.</returns>
    [Get("/api/v1/admin/answers?format=json")]
    Task<IReadOnlyList<ExportedAnswer>> ExportAnswersAsync(
        [Query(Format = "O")] DateTimeOffset? from = null, [Query(Format = "O"), AliasAs("to")] DateTimeOffset? until = null, [Query] string? target = null, CancellationToken cancellationToken = default);

    /// <summary>Exports raw answers created in a date range as a CSV stream that a spreadsheet opens.</summary>
    /// <param name="from">The first moment included; null for the beginning.</param>
    /// <param name="until">The first moment excluded; null for now.</param>
    /// <param name="target">Only answers about this target.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The CSV, streamed; dispose it when read.</returns>
    [Get("/api/v1/admin/answers?format=csv")]
    Task<Stream> ExportAnswersCsvAsync(
        [Query(Format = "O")] DateTimeOffset? from = null, [Query(Format = "O"), AliasAs("to")] DateTimeOffset? until = null, [Query] string? target = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Erases everything stored with a visitor id: their answers, poll votes and comments, uncounted from summaries
    /// and poll results at once. Calling it again erases nothing and returns zeros.
    /// </summary>
    /// <param name="visitorId">The visitor id the answers, votes and comments were stored with.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>How many answers, votes and comments were deleted.</returns>
    [Delete("/api/v1/admin/visitors/{visitorId}")]
    Task<VisitorErasure> EraseVisitorAsync(string visitorId, CancellationToken cancellationToken = default);

    /// <summary>Registers a site that embeds QuickPoll, with a new public key for its pages.</summary>
    /// <param name="site">The site's name and the origins its pages are served from.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The site with its id and public key.</returns>
    [Post("/api/v1/admin/sites")]
    Task<RegisteredSite> CreateSiteAsync([Body] SiteDefinition site, CancellationToken cancellationToken = default);

    /// <summary>Lists every site with its public key and allowed origins.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The sites, oldest first.</returns>
    [Get("/api/v1/admin/sites")]
    Task<IReadOnlyList<RegisteredSite>> ListSitesAsync(CancellationToken cancellationToken = default);

    /// <summary>Changes a site's name and allowed origins; the next request already sees the change.</summary>
    /// <param name="siteId">The site's id.</param>
    /// <param name="site">The new name and origins.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed site.</returns>
    [Put("/api/v1/admin/sites/{siteId}")]
    Task<RegisteredSite> UpdateSiteAsync(string siteId, [Body] SiteDefinition site, CancellationToken cancellationToken = default);

    /// <summary>Gives a site a new public key; the old one stops working at once, so update the pages that embed it.</summary>
    /// <param name="siteId">The site's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The site with its new public key.</returns>
    [Post("/api/v1/admin/sites/{siteId}/public-key")]
    Task<RegisteredSite> RotateSitePublicKeyAsync(string siteId, CancellationToken cancellationToken = default);

    /// <summary>Creates an admin key. Its secret is in this answer only (the server keeps a hash): store it now.</summary>
    /// <param name="key">Who or what the key is for.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The key's id, name and secret.</returns>
    [Post("/api/v1/admin/keys")]
    Task<CreatedAdminKey> CreateAdminKeyAsync([Body] CreateAdminKeyRequest key, CancellationToken cancellationToken = default);

    /// <summary>Lists the admin keys created through the API, without their secrets.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The keys, oldest first.</returns>
    [Get("/api/v1/admin/keys")]
    Task<IReadOnlyList<AdminKeyInfo>> ListAdminKeysAsync(CancellationToken cancellationToken = default);

    /// <summary>Revokes an admin key: the next request that carries it is refused.</summary>
    /// <param name="keyId">The key's id.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The revoked key.</returns>
    [Delete("/api/v1/admin/keys/{keyId}")]
    Task<AdminKeyInfo> RevokeAdminKeyAsync(string keyId, CancellationToken cancellationToken = default);
}
