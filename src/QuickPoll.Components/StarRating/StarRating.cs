using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Lets a visitor rate a target (usually a product) from 1 to 5 stars. Renders a real form with native radio
/// buttons, so it works with mouse, keyboard and screen readers: a click on a star sends the rating at once;
/// arrow keys, Home and End choose a rating, Escape or Delete clears it, and Enter or the "Send rating" button sends it.
/// </summary>
/// <remarks>
/// Requires <c>services.AddQuickPollComponents(...)</c>. Submits interactively, or as a plain HTML form with static server rendering.
/// After a successful submission every <see cref="RatingSummary"/> of the same target on the page shows the new summary.
/// With <see cref="RatingScale.ReadOnly"/> it shows <see cref="RatingScale.Value"/> as stars, without inputs.
/// </remarks>
public sealed class StarRating : RatingScale
{
    private protected override FeedbackKind Kind => FeedbackKind.Stars;

    private protected override string RootClass => "qp-star-rating";
}
