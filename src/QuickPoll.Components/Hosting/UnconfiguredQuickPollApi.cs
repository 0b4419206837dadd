using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// What the components call when the app has no collection API (see <see cref="QuickPollApiCheck"/>): every call fails at
/// once, so a component shows its unavailable notice straight away instead of waiting for timeouts.
/// </summary>
internal sealed class UnconfiguredQuickPollApi : IQuickPollApi
{
    public Task<AnswerReceipt> SubmitAnswerAsync(SubmitAnswerRequest request, CancellationToken cancellationToken = default) => Fail<AnswerReceipt>();

    public Task<AnswerReceipt> SubmitAnswerAsync(SubmitAnswerRequest request, string idempotencyKey, CancellationToken cancellationToken = default) => Fail<AnswerReceipt>();

    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind = FeedbackKind.Stars, CancellationToken cancellationToken = default) => Fail<FeedbackSummary>();

    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind, SummaryFilter filter, CancellationToken cancellationToken = default) => Fail<FeedbackSummary>();

    public Task<Poll> GetPollAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) => Fail<Poll>();

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, CancellationToken cancellationToken = default) => Fail<PollResults>();

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, string idempotencyKey, CancellationToken cancellationToken = default) => Fail<PollResults>();

    public Task<PollResults> GetPollResultsAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) => Fail<PollResults>();

    public Task<CommentForm> GetCommentFormAsync(string target, CancellationToken cancellationToken = default) => Fail<CommentForm>();

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, CancellationToken cancellationToken = default) => Fail<CommentReceipt>();

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, string idempotencyKey, CancellationToken cancellationToken = default) => Fail<CommentReceipt>();

    public Task<CommentPage> GetCommentsAsync(string target, int page = 1, int pageSize = 10, CancellationToken cancellationToken = default) => Fail<CommentPage>();

    public Task<SitePolicy> GetSitePolicyAsync(CancellationToken cancellationToken = default) => Fail<SitePolicy>();

    private static Task<T> Fail<T>() => Task.FromException<T>(new InvalidOperationException(
        "QuickPoll: the components have no collection API: call AddQuickPollServer() in this app, or set QuickPoll:Client:BaseAddress."));
}
