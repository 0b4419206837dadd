namespace QuickPoll.Contracts;

/// <summary>Narrows a summary to the answers given in one context. Set one property.</summary>
public sealed record SummaryFilter
{
    /// <summary>Only answers from this customer segment.</summary>
    public string? Segment { get; init; }

    /// <summary>Only answers given at this journey stage.</summary>
    public JourneyStage? JourneyStage { get; init; }

    /// <summary>Only answers given at this touchpoint.</summary>
    public string? Touchpoint { get; init; }

    /// <summary>Only answers given in this locale.</summary>
    public string? Locale { get; init; }
}
