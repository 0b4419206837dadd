using Microsoft.AspNetCore.Components;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// What every QuickPoll component with a form shares: the form's name and, for plain HTML posts with static server
/// rendering, the random key that makes a post idempotent and the outcome shown after post/redirect/get.
/// </summary>
/// <remarks>Only QuickPoll's own components derive from it.</remarks>
public abstract class QuickPollFormComponentBase : QuickPollComponentBase
{
    private protected QuickPollFormComponentBase()
    {
    }

    /// <summary>Where a submission stands: the component's <c>data-state</c> and its status texts follow it.</summary>
    private protected enum SubmissionState
    {
        Idle,
        Sending,
        Sent,
        Error,
    }

    /// <summary>
    /// The form's name, which static server rendering uses to route a post back to this component; by default
    /// <c>qp-{kind}-{target}</c> (for example <c>qp-stars-mug-001</c>), <c>qp-comment-{target}</c> or
    /// <c>qp-poll-{pollId}</c>. Set it only when one page has two of the same component about the same target.
    /// </summary>
    [Parameter]
    public string? FormName { get; set; }

    // Sent as the Idempotency-Key: the same form posted twice (reload, back) is stored once.
    [SupplyParameterFromForm(Name = StaticFormOutcome.KeyField)]
    private string? PostedKey { get; set; }

    // Static server rendering: the outcome of this form's last post, after the redirect back to the page.
    [SupplyParameterFromQuery(Name = StaticFormOutcome.FormQuery)]
    private string? OutcomeForm { get; set; }

    [SupplyParameterFromQuery(Name = StaticFormOutcome.OutcomeQuery)]
    private string? Outcome { get; set; }

    [Inject]
    private NavigationManager Navigation { get; set; } = default!;

    // Set by the tag helpers' host only: the form then posts to the endpoint's form handler, not to the page.
    [CascadingParameter]
    private QuickPollFormHandler? FormHandler { get; set; }

    /// <summary>The form's <c>action</c>: the form handler's path under the tag helpers, else none (the page itself).</summary>
    private protected string? FormAction => IsStatic ? FormHandler?.Action : null;

    /// <summary>The antiforgery token and the idempotency key, for the start of the component's form; under the tag helpers, also what the form handler needs.</summary>
    private protected RenderFragment FormFields => IsStatic && FormHandler is { } handler
        ? HandlerFormFields(FormKey,
        [
            (QuickPollFormHandler.FormField, EffectiveFormName),
            (QuickPollFormHandler.ReturnField, handler.ReturnPath),
            (QuickPollFormHandler.LanguageField, Text.Culture.Name),
            (QuickPollFormHandler.SegmentField, Context?.EffectiveSegment),
            (QuickPollFormHandler.JourneyStageField, Context?.EffectiveJourneyStage is { } stage ? ContextDimension.JourneyStage.ValueOf(new PollVoteRequest([]) { JourneyStage = stage }) : null),
            (QuickPollFormHandler.TouchpointField, Context?.EffectiveTouchpoint),
            .. HandlerFields,
        ])
        : HiddenFormFields(FormKey);

    /// <summary>What the form is about, for the form handler: its kind and target, or its poll; see <see cref="QuickPollFormHandler"/>.</summary>
    private protected abstract IReadOnlyList<(string Name, string? Value)> HandlerFields { get; }

    private protected string FormKey { get; } = StaticFormOutcome.NewKey();

    /// <summary>The form's name when <see cref="FormName"/> is not set.</summary>
    private protected abstract string DefaultFormName { get; }

    private protected string EffectiveFormName => FormName ?? DefaultFormName;

    /// <summary>Whether the submission being handled is a plain HTML post (no interactivity).</summary>
    private protected bool IsPlainPost => !RendererInfo.IsInteractive;

    /// <summary>The key a plain post was rendered with, or a fresh one.</summary>
    private protected string PostedIdempotencyKey => StaticFormOutcome.KeyOrNew(PostedKey);

    /// <summary>After a plain post's redirect: this form's outcome code, or null (another form's, none, or interactive).</summary>
    private protected string? StaticOutcome =>
        IsStatic ? StaticFormOutcome.For(EffectiveFormName, OutcomeForm, Outcome) : null;

    /// <summary>The visitor's text for an error outcome, or null when the code is not an error.</summary>
    private protected string? ReasonFor(string outcome) => StaticFormOutcome.Reason(Text, outcome);

    /// <summary>Ends a plain post: redirects back to the page with this form's outcome; does nothing interactively.</summary>
    private protected void RedirectIfPlainPost(string outcome)
    {
        if (IsPlainPost)
        {
            StaticFormOutcome.Redirect(Navigation, EffectiveFormName, outcome);
        }
    }
}
