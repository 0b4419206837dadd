using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Asks a yes-or-no question with a thumbs down (0) and a thumbs up (1): a click sends at once. Shares its form,
/// keyboard, states and read-only view with every <see cref="RatingScale"/>.
/// </summary>
public sealed class ThumbsRating : RatingScale
{
    private protected override FeedbackKind Kind => FeedbackKind.Thumbs;

    private protected override string RootClass => "qp-thumbs-rating";
}
