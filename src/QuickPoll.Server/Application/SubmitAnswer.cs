using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Alerts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Telemetry;

namespace QuickPoll.Server.Application;

/// <summary>Stores a visitor's answer and returns the target's new summary; a repeated idempotency key returns the first receipt.</summary>
internal sealed class SubmitAnswer(WriteQueue writes, IOptions<QuickPollServerOptions> options, TimeProvider time, AlertQueue alerts, QuickPollMetrics metrics)
{
    public const string Operation = "/api/v1/answers";

    public Task<AnswerReceipt> RunAsync(SubmitAnswerRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (answer, idempotency) = Submissions.Prepare(
            request, Operation, QuickPollJsonContext.Default.SubmitAnswerRequest, FeedbackLimits.Validate, caller, options.Value);
        var order = PurchaseProof.Read(answer.OrderToken, answer.Target, options.Value, time.GetUtcNow());
        return writes.WriteOrRefuseAsync(new Answers.SubmitAnswer(answer, idempotency, order, alerts, metrics), cancellationToken);
    }
}
