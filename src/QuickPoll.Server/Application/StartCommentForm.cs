using QuickPoll.Contracts;
using QuickPoll.Server.Comments;

namespace QuickPoll.Server.Application;

/// <summary>Starts a comment form about a target: a signed token for one comment about it from the caller's site.</summary>
internal sealed class StartCommentForm(CommentFormTokens forms)
{
    public CommentForm Run(string? target, Caller caller) =>
        FeedbackLimits.ValidateTarget(target) is { } targetError
            ? throw QuickPollRefusal.Invalid("target", targetError)
            : new CommentForm(forms.Issue(target!, caller.Site?.PublicKey), forms.MinimumSeconds);
}
