using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Asks the Customer Effort Score question: seven options from 1 ("Very difficult") to 7 ("Very easy").
/// Shares its form, keyboard, states and read-only view with every <see cref="RatingScale"/>.
/// </summary>
public sealed class CesRating : RatingScale
{
    private protected override FeedbackKind Kind => FeedbackKind.Ces;

    private protected override string RootClass => "qp-ces-rating";
}
