using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;
using QuickPoll.Server.Telemetry;

namespace QuickPoll.Server.InProcess;

/// <summary>
/// <see cref="IQuickPollApi"/> for the app that hosts QuickPoll itself: the same use cases as the HTTP API, with no HTTP
/// hop. The visitor's own address is the rate-limit key, as it is over HTTP; a refusal throws the
/// <see cref="QuickPollApiException"/> the HTTP SDK would, with the same status, title, detail and field errors.
/// </summary>
internal sealed class InProcessQuickPollApi(
    SubmitAnswer submitAnswer,
    ReadSummary readSummary,
    ReadPoll readPoll,
    CastVote castVote,
    ReadPollResults readPollResults,
    StartCommentForm startCommentForm,
    SubmitComment submitComment,
    ReadComments readComments,
    ReadSitePolicy readSitePolicy,
    ClientRateLimits limits,
    VisitorAddress visitor,
    QuickPollMetrics metrics) : IQuickPollApi
{
    public Task<AnswerReceipt> SubmitAnswerAsync(SubmitAnswerRequest request, CancellationToken cancellationToken = default) =>
        SubmitAsync(null, caller => submitAnswer.RunAsync(request, caller, cancellationToken));

    public Task<AnswerReceipt> SubmitAnswerAsync(SubmitAnswerRequest request, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SubmitAsync(idempotencyKey, caller => submitAnswer.RunAsync(request, caller, cancellationToken));

    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind = FeedbackKind.Stars, CancellationToken cancellationToken = default) =>
        Read(() => readSummary.Run(target, kind));

    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind, SummaryFilter filter, CancellationToken cancellationToken = default) =>
        Read(() => readSummary.Run(target, kind, ReadSummary.Values(filter)));

    public Task<Poll> GetPollAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) =>
        Read(() => readPoll.Run(pollId, locale));

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, CancellationToken cancellationToken = default) =>
        SubmitAsync(null, caller => castVote.RunAsync(pollId, vote, caller, cancellationToken));

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SubmitAsync(idempotencyKey, caller => castVote.RunAsync(pollId, vote, caller, cancellationToken));

    public Task<PollResults> GetPollResultsAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) =>
        Read(() => readPollResults.Run(pollId, locale));

    public Task<CommentForm> GetCommentFormAsync(string target, CancellationToken cancellationToken = default) =>
        Read(() => startCommentForm.Run(target, Caller(null)));

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, CancellationToken cancellationToken = default) =>
        SubmitAsync(null, caller => submitComment.RunAsync(comment, caller, cancellationToken));

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, string idempotencyKey, CancellationToken cancellationToken = default) =>
        SubmitAsync(idempotencyKey, caller => submitComment.RunAsync(comment, caller, cancellationToken));

    public Task<CommentPage> GetCommentsAsync(string target, int page = 1, int pageSize = 10, CancellationToken cancellationToken = default) =>
        Read(() => readComments.Run(target, page, pageSize));

    public Task<SitePolicy> GetSitePolicyAsync(CancellationToken cancellationToken = default) =>
        Read(readSitePolicy.Run);

    private Caller Caller(string? idempotencyKey) => new(Site: null, idempotencyKey, visitor.Request);

    private async Task<T> SubmitAsync<T>(string? idempotencyKey, Func<Caller, Task<T>> run)
    {
        try
        {
            Limit(submission: true);
            return await run(Caller(idempotencyKey));
        }
        catch (QuickPollRefusal refusal)
        {
            // Counted as the HTTP API counts its refused submissions.
            metrics.WriteRefused(QuickPollMetrics.RefusalReason(refusal.StatusCode));
            throw refusal.ToClientException();
        }
    }

    private Task<T> Read<T>(Func<T> run)
    {
        try
        {
            Limit(submission: false);
            return Task.FromResult(run());
        }
        catch (QuickPollRefusal refusal)
        {
            return Task.FromException<T>(refusal.ToClientException());
        }
    }

    private void Limit(bool submission)
    {
        if (!limits.TryAcquire(submission, siteId: null, visitor.Address, out var seconds))
        {
            throw QuickPollRefusal.TooManyRequests(seconds);
        }
    }
}
