namespace QuickPoll.Contracts;

/// <summary>The inclusive range of scores a feedback kind accepts.</summary>
/// <param name="Min">The lowest accepted score.</param>
/// <param name="Max">The highest accepted score.</param>
public readonly record struct ScoreScale(int Min, int Max)
{
    /// <summary>The number of distinct scores on the scale.</summary>
    public int Length => Max - Min + 1;

    /// <summary>Whether <paramref name="score"/> lies on the scale.</summary>
    /// <param name="score">The score to check.</param>
    /// <returns><see langword="true"/> when <paramref name="score"/> is between <see cref="Min"/> and <see cref="Max"/>.</returns>
    public bool Contains(int score) => score >= Min && score <= Max;
}
