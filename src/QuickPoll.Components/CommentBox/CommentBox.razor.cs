using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Lets a visitor write a comment or review about a target: a text with a live character counter, an optional star
/// rating (the same keyboard-friendly radios as <see cref="StarRating"/>) and an optional display name. The thank-you
/// says whether the comment is published or waits for moderation; a published one appears at once in a
/// <see cref="ReviewList"/> of the same target on the page.
/// </summary>
/// <remarks>
/// A hidden field that people never see traps simple bots: when it is filled, the component thanks the sender and
/// sends nothing. When it first renders it fetches the comment form's token and sends it with the comment, so the server
/// can refuse comments sent sooner than the site's minimum time (a hidden field carries it in a plain HTML form). Requires <c>services.AddQuickPollComponents(...)</c>. Submits interactively, or as a plain HTML form
/// with static server rendering (see <see cref="QuickPollFormComponentBase.FormName"/>).
/// </remarks>
public sealed partial class CommentBox : QuickPollFormComponentBase
{
    private const string TextField = "text";
    private const string NameField = "displayName";
    private const string WebsiteField = "website";
    private const string RatingField = "rating";
    private const string FormTokenField = "formToken";

    private static int s_lastInstance;

    private readonly string _idPrefix =
        "qp-comment-" + Interlocked.Increment(ref s_lastInstance).ToString(CultureInfo.InvariantCulture);

    private string? _renderedTarget;
    private string _commentText = "";
    private string _displayName = "";
    private string _website = "";
    private int? _rating;
    private string? _formToken;
    private string? _formTokenTarget;
    private string? _reason;
    private int _formMinimumSeconds;
    private long _formShownAt;
    private bool _needsText;
    private bool _published;
    private SubmissionState _state;

    /// <summary>What the comment is about: a product SKU or any id the shop chooses (at most 128 characters).</summary>
    [Parameter, EditorRequired]
    public string Target { get; set; } = "";

    /// <summary>Whether the visitor may add a star rating to the comment; <see langword="true"/> unless set.</summary>
    [Parameter]
    public bool ShowRating { get; set; } = true;

    /// <summary>Whether the visitor may give a name to show with the comment; <see langword="true"/> unless set.</summary>
    [Parameter]
    public bool ShowDisplayName { get; set; } = true;

    /// <summary>A signed order token from the shop's backend: the comment is then marked as a verified purchase.</summary>
    [Parameter]
    public string? OrderToken { get; set; }

    /// <summary>Called after the comment was stored, with whether it was published or held.</summary>
    [Parameter]
    public EventCallback<CommentReceipt> OnSubmitted { get; set; }

    /// <summary>Replaces the form's legend, "Write a review".</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Replaces the text field's label, "Your review".</summary>
    [Parameter]
    public string? TextLabel { get; set; }

    /// <summary>Replaces the rating's legend, "Your rating (optional)".</summary>
    [Parameter]
    public string? RatingLabel { get; set; }

    /// <summary>Replaces the name field's label, "Name shown with your review (optional)".</summary>
    [Parameter]
    public string? DisplayNameLabel { get; set; }

    /// <summary>Replaces the button's text, "Send review".</summary>
    [Parameter]
    public string? SubmitText { get; set; }

    /// <summary>Replaces "Sending your review…".</summary>
    [Parameter]
    public string? SendingText { get; set; }

    /// <summary>Replaces the thank-you for a published comment.</summary>
    [Parameter]
    public string? PublishedText { get; set; }

    /// <summary>Replaces the thank-you for a comment held for moderation.</summary>
    [Parameter]
    public string? HeldText { get; set; }

    /// <summary>Replaces "Write your review first.".</summary>
    [Parameter]
    public string? EmptyText { get; set; }

    /// <summary>Replaces "Sorry, your review could not be sent.".</summary>
    [Parameter]
    public string? ErrorText { get; set; }

    /// <summary>Replaces the error's button text, "Try again".</summary>
    [Parameter]
    public string? RetryText { get; set; }

    // Static server rendering: the fields posted with this form (only this form's submit handler reads them).
    [SupplyParameterFromForm(Name = TextField)]
    private string? PostedText { get; set; }

    [SupplyParameterFromForm(Name = NameField)]
    private string? PostedName { get; set; }

    [SupplyParameterFromForm(Name = WebsiteField)]
    private string? PostedWebsite { get; set; }

    [SupplyParameterFromForm(Name = RatingField)]
    private int? PostedRating { get; set; }

    [SupplyParameterFromForm(Name = FormTokenField)]
    private string? PostedFormToken { get; set; }


    private protected override string DefaultFormName => "qp-comment-" + Target;

    private protected override IReadOnlyList<(string Name, string? Value)> HandlerFields =>
    [
        (QuickPollFormHandler.KindField, "comment"),
        (QuickPollFormHandler.TargetField, Target),
        (QuickPollFormHandler.OrderTokenField, OrderToken),
    ];

    private bool IsLocked => _state is SubmissionState.Sending or SubmissionState.Sent;

    private string StateName => _state switch
    {
        SubmissionState.Sending => "sending",
        SubmissionState.Sent => _published ? "published" : "held",
        SubmissionState.Error => "error",
        _ => "idle",
    };

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (FeedbackLimits.ValidateTarget(Target) is { } error)
        {
            throw new InvalidOperationException($"{nameof(CommentBox)}: {error}");
        }

        if (!string.Equals(Target, _renderedTarget, StringComparison.Ordinal))
        {
            _renderedTarget = Target;
            (_commentText, _displayName, _website, _rating) = ("", "", "", null);
            (_needsText, _published, _state, _reason) = (false, false, SubmissionState.Idle, null);
            ShowStaticOutcome();
        }

        if (!string.Equals(Target, _formTokenTarget, StringComparison.Ordinal))
        {
            // A plain post carries the token its form was shown with; keep it, so that sending counts from then.
            if (PostedFormToken is { Length: > 0 } posted && _formTokenTarget is null)
            {
                (_formToken, _formTokenTarget) = (posted, Target);
            }
            else
            {
                await FetchFormTokenAsync();
            }
        }
    }

    // A token is good for one comment about one target: fetched for each target shown, and again after each comment sent.
    private async Task FetchFormTokenAsync()
    {
        var target = Target;
        _formTokenTarget = target;
        try
        {
            var form = await Api.GetCommentFormAsync(target);
            (_formToken, _formMinimumSeconds, _formShownAt) = (form.FormToken, form.MinimumSeconds, Environment.TickCount64);
        }
        catch (Exception ex)
        {
            // The form still shows; the server explains what is missing if the comment is sent.
            (_formToken, _formTokenTarget) = (null, null);
            Log.FormFailed(Logger, target, ex);
        }
    }

    // After a plain post's redirect: the thank-you, or why the comment was not stored.
    private void ShowStaticOutcome()
    {
        if (StaticOutcome is not { } outcome)
        {
            return;
        }

        switch (outcome)
        {
            case StaticFormOutcome.Published or StaticFormOutcome.Held:
                (_state, _published) = (SubmissionState.Sent, outcome == StaticFormOutcome.Published);
                break;
            case StaticFormOutcome.Empty:
                _needsText = true;
                break;
            default:
                (_state, _reason) = (SubmissionState.Error, ReasonFor(outcome));
                break;
        }
    }

    private async Task SubmitAsync()
    {
        if (IsLocked)
        {
            return;
        }

        var plainPost = IsPlainPost;
        if (plainPost)
        {
            // A plain post: the form data is what the visitor wrote.
            (_commentText, _displayName, _website) = (PostedText ?? "", PostedName ?? "", PostedWebsite ?? "");
            _rating = PostedRating is >= 1 and <= 5 ? PostedRating : null;
        }

        if (_website.Length > 0)
        {
            // A bot filled the trap: look exactly like a held comment and store nothing.
            _published = false;
            _state = SubmissionState.Sent;
            RedirectIfPlainPost(StaticFormOutcome.Held);
            return;
        }

        if (string.IsNullOrWhiteSpace(_commentText))
        {
            _needsText = true;
            RedirectIfPlainPost(StaticFormOutcome.Empty);
            return;
        }

        _needsText = false;
        _state = SubmissionState.Sending;
        CommentReceipt receipt;
        try
        {
            if (RendererInfo.IsInteractive && _formMinimumSeconds > 0)
            {
                // Someone very quick still gets through: wait out the rest of the site's minimum rather than be refused.
                var left = _formMinimumSeconds * 1000L - (Environment.TickCount64 - _formShownAt);
                if (left > 0)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(left));
                }
            }

            var name = _displayName.Trim();
            var request = new SubmitCommentRequest(Target, _commentText.Trim())
            {
                Rating = _rating,
                DisplayName = name.Length > 0 ? name : null,
                OrderToken = OrderToken,
                FormToken = _formToken,
            }.WithContext(Context, Locale);
            receipt = plainPost
                ? await Api.SubmitCommentAsync(request, PostedIdempotencyKey)
                : await Api.SubmitCommentAsync(request);
        }
        catch (Exception ex)
        {
            Log.SubmitFailed(Logger, Target, ex);
            _state = SubmissionState.Error;
            RedirectIfPlainPost(StaticFormOutcome.Of(ex));
            return;
        }

        _published = receipt.Status == CommentStatus.Published;
        _state = SubmissionState.Sent;
        if (_published)
        {
            Page.PublishComment(Target);
        }

        await OnSubmitted.InvokeAsync(receipt);
        RedirectIfPlainPost(_published ? StaticFormOutcome.Published : StaticFormOutcome.Held);
        if (!plainPost)
        {
            // The token was used: a next comment (say, after the target changes) needs a fresh one.
            await FetchFormTokenAsync();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not send a comment about {Target}; the visitor may try again.")]
        public static partial void SubmitFailed(ILogger logger, string target, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "QuickPoll: could not start the comment form about {Target}; sending it will fail until the API answers.")]
        public static partial void FormFailed(ILogger logger, string target, Exception exception);
    }
}
