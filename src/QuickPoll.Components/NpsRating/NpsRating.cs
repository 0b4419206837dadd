using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Asks the Net Promoter Score question: eleven options from 0 ("Not at all likely") to 10 ("Extremely likely").
/// Shares its form, keyboard, states and read-only view with every <see cref="RatingScale"/>.
/// </summary>
public sealed class NpsRating : RatingScale
{
    private protected override FeedbackKind Kind => FeedbackKind.Nps;

    private protected override string RootClass => "qp-nps-rating";
}
