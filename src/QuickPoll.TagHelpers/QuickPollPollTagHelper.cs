using Microsoft.AspNetCore.Razor.TagHelpers;

namespace QuickPoll.TagHelpers;

/// <summary>
/// <c>&lt;quickpoll-poll poll-id="..."&gt;</c>: a one-question poll in the visitor's language
/// (<see cref="Components.QuickPoll"/>), then its results. Without JavaScript the vote posts to the form handler.
/// </summary>
[HtmlTargetElement("quickpoll-poll", TagStructure = TagStructure.NormalOrSelfClosing)]
public sealed class QuickPollPollTagHelper : QuickPollTagHelper
{
    /// <summary>The poll's id, as staff created it.</summary>
    [HtmlAttributeName("poll-id")]
    public string PollId { get; set; } = "";

    private protected override Type ComponentType => typeof(Components.QuickPoll);

    private protected override void AddParameters(IDictionary<string, object?> parameters) =>
        parameters[nameof(Components.QuickPoll.PollId)] = PollId;
}
