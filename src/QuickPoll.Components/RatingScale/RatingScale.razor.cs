using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// What every one-question rating shares (<see cref="StarRating"/>, <see cref="ThumbsRating"/>,
/// <see cref="NpsRating"/>, <see cref="CsatRating"/>, <see cref="CesRating"/>): a real form with native radio buttons in a
/// fieldset, one Tab stop with arrow keys inside (reversed right to left), Home and End, Escape or Delete to clear the
/// choice, a click that sends at once, Enter or the button that sends the chosen score, a thank-you, an error with
/// "Try again", and a read-only view.
/// </summary>
/// <remarks>
/// Requires <c>services.AddQuickPollComponents(...)</c>. Works interactively and, with static server rendering, as a
/// plain HTML form without JavaScript (see <see cref="QuickPollFormComponentBase.FormName"/>). The root element
/// carries <c>data-kind</c>, <c>data-state</c> (<c>idle</c>, <c>sending</c>, <c>sent</c>, <c>error</c>, <c>read-only</c>),
/// <c>data-score</c> and <c>data-interactive</c> (<c>yes</c> once events work) for scripts and browser tests.
/// </remarks>
public abstract partial class RatingScale : QuickPollFormComponentBase
{
    /// <summary>The radio group's field name; unique per form, so several ratings on a page never mix.</summary>
    private const string ScoreField = "qp-score";

    private static int s_lastInstance;

    private readonly string _formId;
    private string? _renderedTarget;
    private int? _renderedValue;
    private int? _score;
    private bool _needsScore;
    private SubmissionState _state;
    private string? _reason;

    private protected RatingScale()
    {
        // Unique per instance, for the retry button's form attribute; the form's name is deterministic instead.
        _formId = "qp-rating-" + Interlocked.Increment(ref s_lastInstance).ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>What is rated: a product SKU, a page, a checkout step; at most 128 characters.</summary>
    [Parameter, EditorRequired]
    public string Target { get; set; } = "";

    /// <summary>The question shown as the group's legend; by default a question that fits the scale, in the visitor's language.</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Called after the answer was stored, with the target's summary on this scale that includes it.</summary>
    [Parameter]
    public EventCallback<FeedbackSummary> OnSubmitted { get; set; }

    /// <summary>When <see langword="true"/>, the options and the button are shown but cannot be used.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>When <see langword="true"/>, shows <see cref="Value"/> without any input: for example a review's stars.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>The score chosen when the component appears, or the score a read-only view shows.</summary>
    [Parameter]
    public int? Value { get; set; }

    /// <summary>A signed order token from the shop's backend: the answer is then marked as a verified purchase.</summary>
    [Parameter]
    public string? OrderToken { get; set; }

    /// <summary>Replaces the button's text, "Send rating".</summary>
    [Parameter]
    public string? SubmitText { get; set; }

    /// <summary>Replaces "Sending your rating…".</summary>
    [Parameter]
    public string? SendingText { get; set; }

    /// <summary>Replaces the thank-you, "Thanks for your rating!".</summary>
    [Parameter]
    public string? ThankYouText { get; set; }

    /// <summary>Replaces the error, "Sorry, your rating could not be sent.".</summary>
    [Parameter]
    public string? ErrorText { get; set; }

    /// <summary>Replaces the error's button text, "Try again".</summary>
    [Parameter]
    public string? RetryText { get; set; }

    /// <summary>Replaces the hint shown when the button is pressed before a score is chosen.</summary>
    [Parameter]
    public string? ChooseFirstText { get; set; }

    /// <summary>Replaces the label at the low end of the scale, where the scale has one (NPS, CES).</summary>
    [Parameter]
    public string? LowLabel { get; set; }

    /// <summary>Replaces the label at the high end of the scale, where the scale has one (NPS, CES).</summary>
    [Parameter]
    public string? HighLabel { get; set; }

    /// <summary>Replaces the accessible name (or the visible text of labelled options) of each score.</summary>
    [Parameter]
    public Func<int, string>? OptionLabel { get; set; }


    /// <summary>The scale this component asks on.</summary>
    private protected abstract FeedbackKind Kind { get; }

    /// <summary>The CSS class that names the component.</summary>
    private protected abstract string RootClass { get; }

    /// <summary>How CSAT options look; other scales ignore it.</summary>
    private protected virtual CsatDisplay CsatDisplayOrDefault => CsatDisplay.Faces;

    // Static server rendering: the score posted with this form (only this form's submit handler reads it).
    [SupplyParameterFromForm(Name = ScoreField)]
    private int? PostedScore { get; set; }

    private ScoreScale Scale => FeedbackLimits.ScaleOf(Kind);


    private protected override string DefaultFormName => $"qp-{FeedbackKindNames.Of(Kind)}-{Target}";

    private protected override IReadOnlyList<(string Name, string? Value)> HandlerFields =>
    [
        (QuickPollFormHandler.KindField, FeedbackKindNames.Of(Kind)),
        (QuickPollFormHandler.TargetField, Target),
        (QuickPollFormHandler.OrderTokenField, OrderToken),
    ];

    private bool IsLocked => Disabled || _state is SubmissionState.Sending or SubmissionState.Sent;

    private string StateName => ReadOnly ? "read-only" : _state switch
    {
        SubmissionState.Sending => "sending",
        SubmissionState.Sent => "sent",
        SubmissionState.Error => "error",
        _ => "idle",
    };

    private string ChooseFirstDefault => Kind == FeedbackKind.Stars
        ? Text.Format("Stars_ChooseFirst", Scale.Max)
        : Text["Rating_ChooseFirst"];

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (FeedbackLimits.ValidateTarget(Target) is { } error)
        {
            throw new InvalidOperationException($"{GetType().Name}: {error}");
        }

        if (Value is { } value && !Scale.Contains(value))
        {
            throw new InvalidOperationException($"{GetType().Name}: the value must be between {Scale.Min} and {Scale.Max}.");
        }

        // The same instance may be reused for another product when the page navigates interactively.
        if (!string.Equals(Target, _renderedTarget, StringComparison.Ordinal) || Value != _renderedValue)
        {
            _renderedTarget = Target;
            _renderedValue = Value;
            _score = Value;
            _needsScore = false;
            _state = SubmissionState.Idle;
            _reason = null;
            ShowStaticOutcome();
        }
    }

    // After a plain post's redirect: show what happened to it (the thank-you with its score, or why it was not stored).
    private void ShowStaticOutcome()
    {
        if (StaticOutcome is not { } outcome)
        {
            return;
        }

        if (outcome.StartsWith(StaticFormOutcome.Sent + ":", StringComparison.Ordinal))
        {
            _state = SubmissionState.Sent;
            _score = int.TryParse(outcome.AsSpan(StaticFormOutcome.Sent.Length + 1), NumberStyles.None, CultureInfo.InvariantCulture, out var sent)
                && Scale.Contains(sent) ? sent : null;
        }
        else if (outcome == StaticFormOutcome.ChooseFirst)
        {
            _needsScore = true;
        }
        else
        {
            _state = SubmissionState.Error;
            _reason = ReasonFor(outcome);
        }
    }

    private void OnValueChanged(int? score)
    {
        if (!IsLocked)
        {
            _score = score;
            _needsScore = false;
        }
    }

    private Task OnPickedAsync(int score) => IsLocked ? Task.CompletedTask : SubmitAsync();

    private async Task SubmitAsync()
    {
        if (IsLocked)
        {
            return;
        }

        var plainPost = IsPlainPost;
        if (plainPost)
        {
            // A plain post: the form data is the visitor's choice.
            _score = PostedScore is { } posted && Scale.Contains(posted) ? posted : null;
        }

        if (_score is not { } score)
        {
            _needsScore = true;
            RedirectIfPlainPost(StaticFormOutcome.ChooseFirst);
            return;
        }

        _state = SubmissionState.Sending;
        FeedbackSummary summary;
        try
        {
            // No cancellation token: an answer the visitor sent should be stored even if they leave the page,
            // so any exception here (timeouts included) means "not sent".
            var request = new SubmitAnswerRequest(Target, score) { Kind = Kind, OrderToken = OrderToken }
                .WithContext(Context, Locale);
            var receipt = plainPost
                ? await Api.SubmitAnswerAsync(request, PostedIdempotencyKey)
                : await Api.SubmitAnswerAsync(request);
            summary = receipt.Summary;
        }
        catch (Exception ex)
        {
            Log.SubmitFailed(Logger, FeedbackKindNames.Of(Kind), Target, ex);
            _state = SubmissionState.Error;
            RedirectIfPlainPost(StaticFormOutcome.Of(ex));
            return;
        }

        _state = SubmissionState.Sent;
        RedirectIfPlainPost(StaticFormOutcome.Sent + ":" + score.ToString(CultureInfo.InvariantCulture));
        Page.PublishSummary(summary);
        await OnSubmitted.InvokeAsync(summary);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not send a {Kind} answer about {Target}; the visitor may try again.")]
        public static partial void SubmitFailed(ILogger logger, string kind, string target, Exception exception);
    }
}
