using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Records a visitor's vote in a poll (a second vote replaces the first) and returns the poll's results.</summary>
internal sealed class CastVote(WriteQueue writes, IOptions<QuickPollServerOptions> options, TimeProvider time)
{
    public Task<PollResults> RunAsync(string pollId, PollVoteRequest request, Caller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(pollId);
        var (vote, idempotency) = Submissions.Prepare(
            request, $"/api/v1/polls/{pollId}/votes", QuickPollJsonContext.Default.PollVoteRequest, PollLimits.Validate, caller, options.Value);
        return writes.WriteOrRefuseAsync(new Polls.CastVote(pollId, vote, time.GetUtcNow(), idempotency), cancellationToken);
    }
}
