namespace QuickPoll.Components;

/// <summary>The order a <see cref="ReviewList"/> shows reviews in.</summary>
public enum ReviewSort
{
    /// <summary>The newest first, as the API returns them.</summary>
    Newest,

    /// <summary>The highest star rating first; reviews without a rating last.</summary>
    Highest,

    /// <summary>The lowest star rating first; reviews without a rating last.</summary>
    Lowest,
}
