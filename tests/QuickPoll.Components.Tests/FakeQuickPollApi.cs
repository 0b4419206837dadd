using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Components.Tests;

/// <summary>Records every call and answers with what the test configured.</summary>
public sealed class FakeQuickPollApi : IQuickPollApi
{
    public List<SubmitAnswerRequest> Submitted { get; } = [];

    public List<string> SummaryRequests { get; } = [];

    /// <summary>Answers a submission; by default with a summary holding just that answer.</summary>
    public Func<SubmitAnswerRequest, Task<AnswerReceipt>> OnSubmit { get; set; } =
        request => Task.FromResult(new AnswerReceipt(1, SummaryWith(request.Target, request.Score)));

    /// <summary>Answers a summary request; by default with no ratings.</summary>
    public Func<string, Task<FeedbackSummary>> OnGetSummary { get; set; } =
        target => Task.FromResult(FeedbackSummary.Empty(target, FeedbackKind.Stars));

    public Task<AnswerReceipt> SubmitAnswerAsync(SubmitAnswerRequest request, CancellationToken cancellationToken = default)
    {
        Submitted.Add(request);
        return OnSubmit(request);
    }

    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind = FeedbackKind.Stars, CancellationToken cancellationToken = default)
    {
        SummaryRequests.Add(target);
        return OnGetSummary(target);
    }

    // The star components never call these; a call means they started to, and the tests should say so.
    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind, SummaryFilter filter, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The components read unfiltered summaries only.");

    public Task<Poll> GetPollAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The star components read no polls.");

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The star components send no poll votes.");

    public Task<PollResults> GetPollResultsAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The star components read no poll results.");

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The star components send no comments.");

    public Task<CommentPage> GetCommentsAsync(string target, int page = 1, int pageSize = 10, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The star components read no comments.");

    /// <summary>A star summary from answer counts, listed from one star up.</summary>
    public static FeedbackSummary Summary(string target, params long[] oneToFiveStars) =>
        FeedbackSummary.FromDistribution(target, FeedbackKind.Stars, oneToFiveStars);

    private static FeedbackSummary SummaryWith(string target, int score)
    {
        var distribution = new long[5];
        distribution[score - 1] = 1;
        return Summary(target, distribution);
    }
}
