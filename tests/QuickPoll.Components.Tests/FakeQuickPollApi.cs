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

    /// <summary>The Idempotency-Key of each submission, vote and comment sent with one, in order.</summary>
    public List<string> IdempotencyKeys { get; } = [];

    public Task<AnswerReceipt> SubmitAnswerAsync(SubmitAnswerRequest request, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        IdempotencyKeys.Add(idempotencyKey);
        return SubmitAnswerAsync(request, cancellationToken);
    }

    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind = FeedbackKind.Stars, CancellationToken cancellationToken = default)
    {
        SummaryRequests.Add(target);
        return OnGetSummary(target);
    }

    public List<(string PollId, string? Locale)> PollRequests { get; } = [];

    public List<(string PollId, PollVoteRequest Vote)> Votes { get; } = [];

    public List<SubmitCommentRequest> Comments { get; } = [];

    public List<(string Target, int Page, int PageSize)> CommentRequests { get; } = [];

    /// <summary>Answers a poll request; by default there is no such poll.</summary>
    public Func<string, string?, Task<Poll>> OnGetPoll { get; set; } = (id, _) => throw NotFound();

    /// <summary>Answers a vote; by default with one vote for each picked choice.</summary>
    public Func<string, PollVoteRequest, Task<PollResults>> OnVote { get; set; } = (id, vote) =>
        Task.FromResult(new PollResults(id, 1, vote.ChoiceIds.Select(c => new PollChoiceResult(c, c, 1, 100)).ToList()));

    /// <summary>Answers a poll results request.</summary>
    public Func<string, string?, Task<PollResults>> OnGetPollResults { get; set; } = (id, _) => Task.FromResult(new PollResults(id, 0, []));

    /// <summary>Answers a comment; by default it is published.</summary>
    public Func<SubmitCommentRequest, Task<CommentReceipt>> OnSubmitComment { get; set; } =
        comment => Task.FromResult(new CommentReceipt(1, CommentStatus.Published));

    /// <summary>Answers a comments request; by default there are none.</summary>
    public Func<string, int, int, Task<CommentPage>> OnGetComments { get; set; } =
        (target, page, pageSize) => Task.FromResult(new CommentPage([], page, pageSize, 0));

    // The components read unfiltered summaries only; a call means they started to, and the tests should say so.
    public Task<FeedbackSummary> GetSummaryAsync(string target, FeedbackKind kind, SummaryFilter filter, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The components read unfiltered summaries only.");

    public Task<Poll> GetPollAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default)
    {
        PollRequests.Add((pollId, locale));
        return OnGetPoll(pollId, locale);
    }

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, CancellationToken cancellationToken = default)
    {
        Votes.Add((pollId, vote));
        return OnVote(pollId, vote);
    }

    public Task<PollResults> VoteAsync(string pollId, PollVoteRequest vote, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        IdempotencyKeys.Add(idempotencyKey);
        return VoteAsync(pollId, vote, cancellationToken);
    }

    public Task<PollResults> GetPollResultsAsync(string pollId, string? locale = null, CancellationToken cancellationToken = default) =>
        OnGetPollResults(pollId, locale);

    /// <summary>The form token the fake hands out; comment boxes must send it back.</summary>
    public const string FormToken = "form-token-1";

    public int CommentFormRequests { get; private set; }

    /// <summary>Answers a comment form request; by default with <see cref="FormToken"/> and no minimum time.</summary>
    public Func<Task<CommentForm>> OnGetCommentForm { get; set; } = () => Task.FromResult(new CommentForm(FormToken, 0));

    public List<string> CommentFormTargets { get; } = [];

    public Task<CommentForm> GetCommentFormAsync(string target, CancellationToken cancellationToken = default)
    {
        CommentFormRequests++;
        CommentFormTargets.Add(target);
        return OnGetCommentForm();
    }

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, CancellationToken cancellationToken = default)
    {
        Comments.Add(comment);
        return OnSubmitComment(comment);
    }

    public Task<CommentReceipt> SubmitCommentAsync(SubmitCommentRequest comment, string idempotencyKey, CancellationToken cancellationToken = default)
    {
        IdempotencyKeys.Add(idempotencyKey);
        return SubmitCommentAsync(comment, cancellationToken);
    }

    public Task<CommentPage> GetCommentsAsync(string target, int page = 1, int pageSize = 10, CancellationToken cancellationToken = default)
    {
        CommentRequests.Add((target, page, pageSize));
        return OnGetComments(target, page, pageSize);
    }

    /// <summary>Answers a policy request; by default the out-of-the-box settings.</summary>
    public Func<Task<SitePolicy>> OnGetSitePolicy { get; set; } =
        () => Task.FromResult(new SitePolicy(ModerationPolicy.PublishUnlessFlagged, VerifiesPurchases: false, OneAnswerPerVisitor: false));

    public Task<SitePolicy> GetSitePolicyAsync(CancellationToken cancellationToken = default) => OnGetSitePolicy();

    /// <summary>What the SDK throws for an HTTP status, for example 404 for an unknown poll.</summary>
    public static Refit.ApiException Status(System.Net.HttpStatusCode status)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "https://feedback.test/");
        using var response = new HttpResponseMessage(status) { RequestMessage = request };
        return Refit.ApiException.Create(request, HttpMethod.Get, response, new Refit.RefitSettings()).GetAwaiter().GetResult();
    }

    private static Refit.ApiException NotFound() => Status(System.Net.HttpStatusCode.NotFound);

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
