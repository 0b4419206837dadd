using System.Globalization;
using System.Net;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Client;
using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Components;

/// <summary>
/// A one-question quick poll that staff defined: loads it in the visitor's language, offers its choices as radio
/// buttons (single choice) or checkboxes (multiple choice) with a "Vote" button, then shows the results with counts
/// and percentage bars in a live region. A closed poll shows its results only; an unknown one a short notice.
/// </summary>
/// <remarks>
/// Requires <c>services.AddQuickPollComponents(...)</c>. Votes interactively, or as a plain HTML form with static
/// server rendering (see <see cref="QuickPollFormComponentBase.FormName"/>).
/// </remarks>
public sealed partial class QuickPoll : QuickPollFormComponentBase, IDisposable
{
    private const string ChoiceField = "qp-choice";

    private static int s_lastInstance;

    private readonly string _idPrefix = "qp-poll-" + Interlocked.Increment(ref s_lastInstance).ToString(CultureInfo.InvariantCulture);
    private readonly CancellationTokenSource _disposed = new();
    private readonly List<string> _selected = [];
    private string? _loadedKey;
    private Poll? _poll;
    private PollResults? _results;
    private PollState _state;
    private bool _needsChoice;
    private bool _voteFailed;
    private string? _reason;

    private enum PollState
    {
        Loading,
        Open,
        Sending,
        Voted,
        Closed,
        NotFound,
        Unavailable,
    }

    /// <summary>The poll's id, as the admin API returned it.</summary>
    [Parameter, EditorRequired]
    public string PollId { get; set; } = "";

    /// <summary>Called after the vote was stored, with the results that include it.</summary>
    [Parameter]
    public EventCallback<PollResults> OnVoted { get; set; }

    /// <summary>Replaces the button's text, "Vote".</summary>
    [Parameter]
    public string? VoteText { get; set; }

    /// <summary>Replaces "Loading the poll…".</summary>
    [Parameter]
    public string? LoadingText { get; set; }

    /// <summary>Replaces "This poll is no longer available.", shown for an unknown poll.</summary>
    [Parameter]
    public string? NotFoundText { get; set; }

    /// <summary>Replaces "Sorry, the poll could not be loaded.".</summary>
    [Parameter]
    public string? LoadErrorText { get; set; }

    /// <summary>Replaces "Sending your vote…".</summary>
    [Parameter]
    public string? SendingText { get; set; }

    /// <summary>Replaces "Thanks for voting! Here are the results.".</summary>
    [Parameter]
    public string? ThankYouText { get; set; }

    /// <summary>Replaces "This poll is closed. These are its results.".</summary>
    [Parameter]
    public string? ClosedText { get; set; }

    /// <summary>Replaces "Choose an answer first.".</summary>
    [Parameter]
    public string? ChooseOneText { get; set; }

    /// <summary>Replaces the hint of multiple-choice polls, "You may choose more than one answer.".</summary>
    [Parameter]
    public string? ChooseManyText { get; set; }

    /// <summary>Replaces "Sorry, your vote could not be sent.".</summary>
    [Parameter]
    public string? VoteErrorText { get; set; }

    /// <summary>Replaces the error's button text, "Try again".</summary>
    [Parameter]
    public string? RetryText { get; set; }

    // Static server rendering: the choices posted with this form (only this form's submit handler reads them).
    [SupplyParameterFromForm(Name = ChoiceField)]
    private string[]? PostedChoices { get; set; }

    // The poll's language: the page's, or the visitor's UI culture (the server falls back from pl-PL to pl, then to its first language).
    private string? PollLocale => EffectiveLocale ?? (CultureInfo.CurrentUICulture.Name is { Length: > 0 } name ? name : null);

    private protected override string DefaultFormName => "qp-poll-" + PollId;

    private protected override IReadOnlyList<(string Name, string? Value)> HandlerFields =>
    [
        (QuickPollFormHandler.KindField, "poll"),
        (QuickPollFormHandler.PollField, PollId),
    ];

    private bool IsLocked => _state != PollState.Open;

    private string StateName => _state switch
    {
        PollState.Loading => "loading",
        PollState.Sending => "sending",
        PollState.Voted => "voted",
        PollState.Closed => "closed",
        PollState.NotFound => "not-found",
        PollState.Unavailable => "unavailable",
        _ => _voteFailed ? "error" : "open",
    };

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (string.IsNullOrWhiteSpace(PollId))
        {
            throw new InvalidOperationException($"{nameof(QuickPoll)}: the poll id is required.");
        }

        var key = PollId + "|" + PollLocale;
        if (!string.Equals(key, _loadedKey, StringComparison.Ordinal))
        {
            _loadedKey = key;
            await LoadAsync();
            await ShowStaticOutcomeAsync();
        }
    }

    // After a plain post's redirect: the results of the vote just cast, or why it was not counted.
    private async Task ShowStaticOutcomeAsync()
    {
        if (_state != PollState.Open || StaticOutcome is not { } outcome)
        {
            return;
        }

        if (outcome == StaticFormOutcome.Voted)
        {
            try
            {
                (_results, _state) = (await Api.GetPollResultsAsync(PollId, PollLocale, _disposed.Token), PollState.Voted);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Log.LoadFailed(Logger, PollId, ex);
                _state = PollState.Unavailable;
            }
        }
        else if (outcome == StaticFormOutcome.ChooseFirst)
        {
            _needsChoice = true;
        }
        else
        {
            (_voteFailed, _reason) = (true, ReasonFor(outcome));
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task LoadAsync()
    {
        var pollId = PollId;
        (_state, _poll, _results, _needsChoice, _voteFailed) = (PollState.Loading, null, null, false, false);
        _selected.Clear();
        try
        {
            var poll = await Api.GetPollAsync(pollId, PollLocale, _disposed.Token);
            if (poll.IsOpen)
            {
                (_poll, _state) = (poll, PollState.Open);
            }
            else
            {
                var results = await Api.GetPollResultsAsync(pollId, PollLocale, _disposed.Token);
                (_poll, _results, _state) = (poll, results, PollState.Closed);
            }
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.NotFound)
        {
            _state = PollState.NotFound;
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Removed from the page while loading.
        }
        catch (Exception ex)
        {
            Log.LoadFailed(Logger, pollId, ex);
            _state = PollState.Unavailable;
        }
    }

    private void OnChoiceChanged(string choiceId, ChangeEventArgs e)
    {
        if (IsLocked || _poll is null)
        {
            return;
        }

        _needsChoice = false;
        if (!_poll.AllowMultiple)
        {
            _selected.Clear();
            _selected.Add(choiceId);
        }
        else if (e.Value is true || (e.Value is string s && bool.TryParse(s, out var on) && on))
        {
            if (!_selected.Contains(choiceId))
            {
                _selected.Add(choiceId);
            }
        }
        else
        {
            _selected.Remove(choiceId);
        }
    }

    private async Task VoteAsync()
    {
        if (IsLocked || _poll is null)
        {
            return;
        }

        var plainPost = IsPlainPost;
        if (plainPost)
        {
            // A plain post: the form data holds the ticked choices; anything else posted is ignored.
            var posted = PostedChoices ?? [];
            _selected.Clear();
            _selected.AddRange(_poll.Choices.Select(c => c.Id).Where(posted.Contains).Take(_poll.AllowMultiple ? int.MaxValue : 1));
        }

        if (_selected.Count == 0)
        {
            _needsChoice = true;
            RedirectIfPlainPost(StaticFormOutcome.ChooseFirst);
            return;
        }

        (_state, _voteFailed) = (PollState.Sending, false);
        try
        {
            // In the poll's order, whatever order the visitor ticked them in.
            var choices = _poll.Choices.Select(c => c.Id).Where(_selected.Contains).ToList();
            var vote = new PollVoteRequest(choices).WithContext(Context, PollLocale);
            var results = plainPost ? await Api.VoteAsync(PollId, vote, PostedIdempotencyKey) : await Api.VoteAsync(PollId, vote);
            (_results, _state) = (results, PollState.Voted);
            await OnVoted.InvokeAsync(results);
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict && plainPost)
        {
            // Closed while the visitor was choosing: the page shows where it ended once it is loaded again.
            RedirectIfPlainPost(StaticFormOutcome.Closed);
            return;
        }
        catch (ApiException ex) when (ex.StatusCode == HttpStatusCode.Conflict)
        {
            // Closed while the visitor was choosing: show where it ended.
            try
            {
                (_results, _state) = (await Api.GetPollResultsAsync(PollId, PollLocale), PollState.Closed);
            }
            catch (Exception inner)
            {
                Log.LoadFailed(Logger, PollId, inner);
                _state = PollState.Unavailable;
            }
        }
        catch (Exception ex)
        {
            Log.VoteFailed(Logger, PollId, ex);
            (_state, _voteFailed) = (PollState.Open, true);
            RedirectIfPlainPost(StaticFormOutcome.Of(ex));
            return;
        }

        RedirectIfPlainPost(StaticFormOutcome.Voted);
    }

    private static string Percent(double percentage) =>
        Math.Clamp(percentage, 0, 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private string PercentText(double percentage) =>
        Math.Round(Math.Clamp(percentage, 0, 100)).ToString("0", Text.FormatCulture) + "%";

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not load the poll {PollId}.")]
        public static partial void LoadFailed(ILogger logger, string pollId, Exception exception);

        [LoggerMessage(2, LogLevel.Warning, "QuickPoll: could not send a vote in the poll {PollId}; the visitor may try again.")]
        public static partial void VoteFailed(ILogger logger, string pollId, Exception exception);
    }
}
