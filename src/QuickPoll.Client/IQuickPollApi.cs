using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Client;

/// <summary>The public QuickPoll collection API: what a product page may call.</summary>
/// <remarks>
/// Register it with <c>services.AddQuickPollClient(...)</c>.
/// A refused call throws <see cref="QuickPollApiException"/> with the problem's field errors; other failures throw <see cref="ApiException"/> or <see cref="HttpRequestException"/>.
/// </remarks>
public interface IQuickPollApi
{
    /// <summary>Stores a visitor's answer and returns the target's updated summary.</summary>
    /// <param name="request">The answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored answer's receipt, with the summary that includes it.</returns>
    [Post("/api/v1/answers")]
    Task<AnswerReceipt> SubmitAnswerAsync([Body] SubmitAnswerRequest request, CancellationToken cancellationToken = default);

    /// <summary>Stores a visitor's answer under an <c>Idempotency-Key</c> of the caller's choosing: sent again with the same key, it is stored once.</summary>
    /// <param name="request">The answer.</param>
    /// <param name="idempotencyKey">The key, for example one rendered into a form, so that a form posted twice counts once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored answer's receipt, with the summary that includes it.</returns>
    [Post("/api/v1/answers")]
    Task<AnswerReceipt> SubmitAnswerAsync([Body] SubmitAnswerRequest request, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Reads the summary (count, average, distribution) of one target on one scale.</summary>
    /// <param name="target">What is rated, for example a product SKU.</param>
    /// <param name="kind">The feedback scale.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary; all zero when nobody has answered yet.</returns>
    [Get("/api/v1/summaries")]
    Task<FeedbackSummary> GetSummaryAsync([Query] string target, [Query] FeedbackKind kind = FeedbackKind.Stars, CancellationToken cancellationToken = default);

    /// <summary>Reads the summary of one target on one scale, counting only the answers given in one context.</summary>
    /// <param name="target">What is rated, for example a product SKU.</param>
    /// <param name="kind">The feedback scale.</param>
    /// <param name="filter">The one context value to count; set exactly one of its properties.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary of the answers given in that context.</returns>
    [Get("/api/v1/summaries")]
    Task<FeedbackSummary> GetSummaryAsync([Query] string target, [Query] FeedbackKind kind, [Query] SummaryFilter filter, CancellationToken cancellationToken = default);

    /// <summary>Reads a poll in the visitor's language.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="locale">The wanted language; the poll's default language when it has no text in it.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The poll, with whether it takes votes now.</returns>
    [Get("/api/v1/polls/{pollId}")]
    Task<Poll> GetPollAsync(string pollId, [Query] string? locale = null, CancellationToken cancellationToken = default);

    /// <summary>Votes in a poll; a visitor's second vote replaces the first.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="vote">The picked choices and the vote's context.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The poll's results including this vote.</returns>
    [Post("/api/v1/polls/{pollId}/votes")]
    Task<PollResults> VoteAsync(string pollId, [Body] PollVoteRequest vote, CancellationToken cancellationToken = default);

    /// <summary>Records a vote under an <c>Idempotency-Key</c> of the caller's choosing: sent again with the same key, it counts once.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="vote">The chosen answers.</param>
    /// <param name="idempotencyKey">The key, for example one rendered into a form, so that a form posted twice counts once.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The poll's results including this vote.</returns>
    [Post("/api/v1/polls/{pollId}/votes")]
    Task<PollResults> VoteAsync(string pollId, [Body] PollVoteRequest vote, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Reads a poll's results: counts and percentages per choice.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="locale">The language of the choice labels.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results.</returns>
    [Get("/api/v1/polls/{pollId}/results")]
    Task<PollResults> GetPollResultsAsync(string pollId, [Query] string? locale = null, CancellationToken cancellationToken = default);

    /// <summary>Starts a comment form about a target: fetch it when the form is shown and send its token with one comment about that target.</summary>
    /// <param name="target">What the comment will be about; the token is good for this target only.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The form token and how many seconds must pass before the comment may be sent.</returns>
    [Get("/api/v1/comments/form")]
    Task<CommentForm> GetCommentFormAsync([Query] string target, CancellationToken cancellationToken = default);

    /// <summary>Stores a visitor's comment or review; it is published at once or held for staff.</summary>
    /// <param name="comment">The comment, as plain text, with an optional rating and display name.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored comment's id and whether it was published or held.</returns>
    [Post("/api/v1/comments")]
    Task<CommentReceipt> SubmitCommentAsync([Body] SubmitCommentRequest comment, CancellationToken cancellationToken = default);

    /// <summary>Stores a comment under an <c>Idempotency-Key</c> of the caller's choosing: sent again with the same key, it is stored once.</summary>
    /// <param name="comment">The comment, as plain text, with an optional rating and display name.</param>
    /// <param name="idempotencyKey">The key, for example one rendered into a form, so that a form posted twice stores one comment.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored comment's id and whether it was published or held.</returns>
    [Post("/api/v1/comments")]
    Task<CommentReceipt> SubmitCommentAsync([Body] SubmitCommentRequest comment, [Header("Idempotency-Key")] string idempotencyKey, CancellationToken cancellationToken = default);

    /// <summary>Reads a target's published comments, newest first, a page at a time.</summary>
    /// <param name="target">What the comments are about.</param>
    /// <param name="page">The page, from 1.</param>
    /// <param name="pageSize">Comments per page, up to <see cref="CommentLimits.MaxPageSize"/>.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The page, with the total count.</returns>
    [Get("/api/v1/comments")]
    Task<CommentPage> GetCommentsAsync([Query] string target, [Query] int page = 1, [Query] int pageSize = 10, CancellationToken cancellationToken = default);

    /// <summary>Reads how the site moderates comments and verifies purchases, for a page's review policy.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The site's policy, from its real settings.</returns>
    [Get("/api/v1/site/policy")]
    Task<SitePolicy> GetSitePolicyAsync(CancellationToken cancellationToken = default);
}
