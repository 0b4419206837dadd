using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.Logging;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Lets a visitor rate a target (usually a product) from 1 to 5 stars. Renders a real form with native radio
/// buttons, so it works with mouse, keyboard and screen readers: a click on a star sends the rating at once;
/// arrow keys, Home and End choose a rating and Enter or the "Send rating" button sends it.
/// </summary>
/// <remarks>
/// Requires <c>services.AddQuickPollComponents(...)</c> and an interactive render mode to submit.
/// After a successful submission every <see cref="RatingSummary"/> of the same target on the page shows the new summary.
/// </remarks>
public sealed partial class StarRating
{
    private const string StarPath = "M12 2.6l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.5l-5.9 3.1 1.2-6.5L2.5 9.5l6.6-.9z";
    private static readonly ScoreScale s_scale = FeedbackLimits.ScaleOf(FeedbackKind.Stars);
    private static int s_lastInstance;

    private readonly ElementReference[] _radios = new ElementReference[s_scale.Length];
    private readonly string _formName;
    private readonly string _inputName;
    private string? _renderedTarget;
    private int _score;
    private bool _needsScore;
    private RatingState _state;

    /// <summary>Initializes a new instance of the <see cref="StarRating"/> class.</summary>
    public StarRating()
    {
        // Unique per instance, so several ratings on one page keep separate radio groups and label ids.
        var instance = Interlocked.Increment(ref s_lastInstance).ToString(CultureInfo.InvariantCulture);
        _formName = "qp-star-rating-" + instance;
        _inputName = _formName + "-score";
    }

    private enum RatingState
    {
        Idle,
        Sending,
        Sent,
        Error,
    }

    /// <summary>What is rated: a product SKU or any id the shop chooses (at most 128 characters).</summary>
    [Parameter, EditorRequired]
    public string Target { get; set; } = "";

    /// <summary>The question shown as the group's legend. Defaults to "Rate this product".</summary>
    [Parameter]
    public string Label { get; set; } = "Rate this product";

    /// <summary>Called after the rating was stored, with the target's summary that includes it.</summary>
    [Parameter]
    public EventCallback<FeedbackSummary> OnSubmitted { get; set; }

    /// <summary>When <see langword="true"/>, the stars and the button are shown but cannot be used.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    [Inject]
    private IQuickPollApi Api { get; set; } = default!;

    [Inject]
    private FeedbackSummaryFeed Feed { get; set; } = default!;

    [Inject]
    private ILogger<StarRating> Logger { get; set; } = default!;

    private bool IsLocked => Disabled || _state is RatingState.Sending or RatingState.Sent;

    private string StateName => _state switch
    {
        RatingState.Sending => "sending",
        RatingState.Sent => "sent",
        RatingState.Error => "error",
        _ => "idle",
    };

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        if (FeedbackLimits.ValidateTarget(Target) is { } error)
        {
            throw new InvalidOperationException($"{nameof(StarRating)}: {error}");
        }

        // The same instance may be reused for another product when the page navigates interactively.
        if (!string.Equals(Target, _renderedTarget, StringComparison.Ordinal))
        {
            _renderedTarget = Target;
            _score = 0;
            _needsScore = false;
            _state = RatingState.Idle;
        }
    }

    private void Select(int score)
    {
        if (!IsLocked && s_scale.Contains(score))
        {
            _score = score;
            _needsScore = false;
        }
    }

    private Task OnStarClickedAsync(int score, MouseEventArgs e)
    {
        // Arrow keys make the browser fire a click with Detail 0 on the newly checked radio: select, never send.
        if (e.Detail <= 0 || IsLocked)
        {
            return Task.CompletedTask;
        }

        Select(score);
        return SubmitAsync();
    }

    private async Task OnStarKeyDownAsync(int score, KeyboardEventArgs e)
    {
        // Computed from the radio's own value, so it agrees with the change event the browser fires for arrows.
        var next = e.Key switch
        {
            "ArrowRight" or "ArrowUp" => Math.Min(score + 1, s_scale.Max),
            "ArrowLeft" or "ArrowDown" => Math.Max(score - 1, s_scale.Min),
            "Home" => s_scale.Min,
            "End" => s_scale.Max,
            _ => 0,
        };
        if (next == 0 || IsLocked)
        {
            return;
        }

        Select(next);
        if (e.Key is "Home" or "End")
        {
            // Browsers move focus for arrows only.
            await _radios[next - s_scale.Min].FocusAsync();
        }
    }

    private async Task SubmitAsync()
    {
        if (IsLocked)
        {
            return;
        }

        if (!s_scale.Contains(_score))
        {
            _needsScore = true;
            return;
        }

        _state = RatingState.Sending;
        FeedbackSummary summary;
        try
        {
            // No cancellation token: a rating the visitor sent should be stored even if they leave the page,
            // so any exception here (timeouts included) means "not sent".
            var receipt = await Api.SubmitAnswerAsync(new SubmitAnswerRequest(Target, _score));
            summary = receipt.Summary;
        }
        catch (Exception ex)
        {
            Log.SubmitFailed(Logger, Target, ex);
            _state = RatingState.Error;
            return;
        }

        _state = RatingState.Sent;
        Feed.Publish(summary);
        await OnSubmitted.InvokeAsync(summary);
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not send a rating of {Target}; the visitor may try again.")]
        public static partial void SubmitFailed(ILogger logger, string target, Exception exception);
    }
}
