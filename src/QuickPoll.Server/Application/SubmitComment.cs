using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Alerts;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Http;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Stores a visitor's comment or review as plain text, published at once or held for staff as the moderation rules decide.</summary>
internal sealed class SubmitComment(WriteQueue writes, CommentFormTokens forms, IOptions<QuickPollServerOptions> options, TimeProvider time, AlertQueue alerts)
{
    public const string Operation = "/api/v1/comments";

    public Task<CommentReceipt> RunAsync(SubmitCommentRequest request, Caller caller, CancellationToken cancellationToken)
    {
        var (comment, idempotency) = Submissions.Prepare(
            request, Operation, QuickPollJsonContext.Default.SubmitCommentRequest, CommentLimits.Validate, caller, options.Value);
        if (!string.IsNullOrEmpty(comment.Website))
        {
            // A filled honeypot gets what a held comment gets, and nothing is stored: a bot learns nothing to adapt to.
            return writes.WriteOrRefuseAsync(new IgnoredComment(), cancellationToken);
        }

        var form = forms.Read(comment.FormToken, comment.Target, caller.Site?.PublicKey);
        var order = PurchaseProof.Read(comment.OrderToken, comment.Target, options.Value, time.GetUtcNow());
        var hold = HoldRules.ReasonToHold(comment.Text, comment.DisplayName, options.Value);
        return writes.WriteOrRefuseAsync(new Comments.SubmitComment(comment, hold, order, idempotency, alerts) { Form = form }, cancellationToken);
    }
}
