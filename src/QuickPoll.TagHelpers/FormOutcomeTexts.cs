using QuickPoll.Components;

namespace QuickPoll.TagHelpers;

/// <summary>
/// The visitor's text for a form handler's outcome, in the form's language: the very text the component shows for it
/// after the redirect, so a page that sends the form with a script shows the same words in place.
/// </summary>
internal sealed class FormOutcomeTexts(QuickPollTexts texts)
{
    /// <summary>The key the form handler looks this up by.</summary>
    public const string ServiceKey = "QuickPoll.FormOutcomeText";

    /// <summary>The text for <paramref name="outcome"/> of a form of <paramref name="kind"/> (a rating's kind, <c>comment</c> or <c>poll</c>).</summary>
    public string? TextOf(string kind, string outcome, string? language)
    {
        var text = texts.For(language);
        return StaticFormOutcome.Reason(text, outcome) ?? (kind, outcome) switch
        {
            ("comment", StaticFormOutcome.Published) => text["Comment_Published"],
            ("comment", StaticFormOutcome.Held) => text["Comment_Held"],
            ("comment", StaticFormOutcome.Empty) => text["Comment_Empty"],
            ("poll", StaticFormOutcome.Voted) => text["Poll_Thanks"],
            ("poll", StaticFormOutcome.Closed) => text["Poll_Closed"],
            ("poll", StaticFormOutcome.ChooseFirst) => text["Poll_ChooseOne"],
            ("stars", StaticFormOutcome.ChooseFirst) => text.Format("Stars_ChooseFirst", 5),
            (_, StaticFormOutcome.ChooseFirst) => text["Rating_ChooseFirst"],
            (_, _) when outcome.StartsWith(StaticFormOutcome.Sent, StringComparison.Ordinal) => text["Rating_Thanks"],
            _ => null,
        };
    }
}
