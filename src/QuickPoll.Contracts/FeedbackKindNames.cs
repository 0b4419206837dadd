namespace QuickPoll.Contracts;

/// <summary>The wire names of <see cref="FeedbackKind"/> values, as used in JSON and query strings.</summary>
public static class FeedbackKindNames
{
    private static readonly string[] s_names = ["stars", "thumbs", "nps", "csat", "ces"];

    /// <summary>Every wire name, in the order of the enum.</summary>
    public static IReadOnlyList<string> All => s_names;

    /// <summary>The wire name of a kind, for example <c>"stars"</c>.</summary>
    /// <param name="kind">A defined feedback kind.</param>
    /// <returns>The lower-case wire name.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="kind"/> is not a defined kind.</exception>
    public static string Of(FeedbackKind kind) =>
        (uint)kind < (uint)s_names.Length
            ? s_names[(int)kind]
            : throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown feedback kind.");

    /// <summary>Reads a wire name, ignoring case.</summary>
    /// <param name="name">The name to read.</param>
    /// <param name="kind">The kind, when the name is known.</param>
    /// <returns><see langword="true"/> when <paramref name="name"/> names a kind.</returns>
    public static bool TryParse(string? name, out FeedbackKind kind)
    {
        for (var i = 0; i < s_names.Length; i++)
        {
            if (string.Equals(s_names[i], name, StringComparison.OrdinalIgnoreCase))
            {
                kind = (FeedbackKind)i;
                return true;
            }
        }

        kind = default;
        return false;
    }
}
