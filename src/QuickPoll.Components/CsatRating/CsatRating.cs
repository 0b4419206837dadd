using Microsoft.AspNetCore.Components;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Asks a customer satisfaction (CSAT) question with five options, from "Very unsatisfied" (1) to "Very satisfied" (5),
/// drawn as faces or as labelled buttons. Shares its form, keyboard, states and read-only view with every <see cref="RatingScale"/>.
/// </summary>
public sealed class CsatRating : RatingScale
{
    /// <summary>Whether the options are faces (the default, each named for screen readers) or visible labels.</summary>
    [Parameter]
    public CsatDisplay Display { get; set; } = CsatDisplay.Faces;

    private protected override FeedbackKind Kind => FeedbackKind.Csat;

    private protected override string RootClass => "qp-csat-rating";

    private protected override CsatDisplay CsatDisplayOrDefault => Display;
}
