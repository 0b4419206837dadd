namespace QuickPoll.Contracts;

/// <summary>A choice of a poll, as staff define it.</summary>
/// <param name="Id">A short id, unique within the poll, for example <c>"delivery"</c>.</param>
/// <param name="Label">The choice's text by locale, for example <c>{"en":"Delivery","pl":"Dostawa"}</c>.</param>
public sealed record PollChoiceDefinition(string Id, IReadOnlyDictionary<string, string> Label);

/// <summary>A one-question poll as staff define it: its text in every language it is shown in.</summary>
/// <param name="Question">The question by locale; the first entry is the default language.</param>
/// <param name="Choices">Two to eight choices.</param>
public sealed record PollDefinition(IReadOnlyDictionary<string, string> Question, IReadOnlyList<PollChoiceDefinition> Choices)
{
    /// <summary>Whether a visitor may pick more than one choice.</summary>
    public bool AllowMultiple { get; init; }

    /// <summary>The product or page the poll belongs to, if any.</summary>
    public string? Target { get; init; }

    /// <summary>When voting opens; open at once when not set.</summary>
    public DateTimeOffset? ActiveFrom { get; init; }

    /// <summary>When voting closes; open until closed by staff when not set.</summary>
    public DateTimeOffset? ActiveTo { get; init; }

    /// <summary>Whether staff closed the poll by hand.</summary>
    public bool Closed { get; init; }
}

/// <summary>A poll as staff see it: its definition and id.</summary>
/// <param name="Id">The poll's id.</param>
/// <param name="Definition">What staff defined.</param>
/// <param name="CreatedAt">When the poll was created.</param>
public sealed record PollSummary(string Id, PollDefinition Definition, DateTimeOffset CreatedAt);

/// <summary>A choice as a visitor sees it, in one language.</summary>
/// <param name="Id">The choice's id, sent back when voting.</param>
/// <param name="Label">The choice's text.</param>
public sealed record PollChoice(string Id, string Label);

/// <summary>A poll as a visitor sees it, in one language.</summary>
/// <param name="Id">The poll's id.</param>
/// <param name="Locale">The language the texts are in.</param>
/// <param name="Question">The question.</param>
/// <param name="Choices">The choices, in order.</param>
/// <param name="AllowMultiple">Whether more than one choice may be picked.</param>
/// <param name="IsOpen">Whether votes are taken now.</param>
public sealed record Poll(string Id, string Locale, string Question, IReadOnlyList<PollChoice> Choices, bool AllowMultiple, bool IsOpen)
{
    /// <summary>The product or page the poll belongs to, if any.</summary>
    public string? Target { get; init; }
}

/// <summary>A visitor's vote in a poll. Its <see cref="FeedbackContext.Locale"/> also picks the language of the returned results.</summary>
/// <param name="ChoiceIds">The picked choices: exactly one unless the poll allows several.</param>
public sealed record PollVoteRequest(IReadOnlyList<string> ChoiceIds) : FeedbackContext;

/// <summary>How many voters picked one choice.</summary>
/// <param name="ChoiceId">The choice's id.</param>
/// <param name="Label">The choice's text.</param>
/// <param name="Count">How many voters picked it.</param>
/// <param name="Percentage">Its share of the voters, 0 to 100 (with multiple choice the shares may add up to more than 100).</param>
public sealed record PollChoiceResult(string ChoiceId, string Label, long Count, double Percentage);

/// <summary>A poll's results.</summary>
/// <param name="PollId">The poll's id.</param>
/// <param name="Voters">How many visitors voted.</param>
/// <param name="Choices">Each choice's count and share, in the poll's order.</param>
public sealed record PollResults(string PollId, long Voters, IReadOnlyList<PollChoiceResult> Choices);

/// <summary>One group's share of a poll's results, for example the answers of one segment.</summary>
/// <param name="Value">The group's context value, for example <c>"returning"</c>.</param>
/// <param name="Results">The results counting only this group's voters.</param>
public sealed record PollResultsGroup(string Value, PollResults Results);

/// <summary>A poll's results overall and, when asked for, per value of one context field.</summary>
/// <param name="Overall">The results of all voters.</param>
/// <param name="Breakdown">The context field the groups are by (segment, journeyStage, touchpoint, locale), or null.</param>
/// <param name="Groups">The results per value of <paramref name="Breakdown"/>; voters without that value are in no group.</param>
public sealed record PollResultsBreakdown(PollResults Overall, string? Breakdown, IReadOnlyList<PollResultsGroup> Groups);
