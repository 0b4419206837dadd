namespace QuickPoll.Components;

/// <summary>How <see cref="CsatRating"/> draws its five options.</summary>
public enum CsatDisplay
{
    /// <summary>Five faces from frowning to smiling, each named for screen readers.</summary>
    Faces,

    /// <summary>Five buttons with their labels visible, for example "Satisfied".</summary>
    Labels,
}
