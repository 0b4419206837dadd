using System.Text.RegularExpressions;

namespace QuickPoll.Server.Comments;

/// <summary>Decides whether a new comment is published at once or held for staff, and why.</summary>
internal static partial class HoldRules
{
    public const string Moderation = "moderation";
    public const string Link = "link";
    public const string Word = "word";

    /// <returns>The hold reason, or <see langword="null"/> to publish.</returns>
    public static string? ReasonToHold(string text, string? displayName, QuickPollServerOptions options)
    {
        if (options.CommentModeration == CommentModeration.HoldAll)
        {
            return Moderation;
        }

        var all = displayName is null ? text : $"{displayName}\n{text}";
        if (LinkPattern().IsMatch(all))
        {
            return Link;
        }

        foreach (var word in options.BlockedWords)
        {
            if (!string.IsNullOrWhiteSpace(word)
                && Regex.IsMatch(all, $@"(?<!\w){Regex.Escape(word.Trim())}(?!\w)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100)))
            {
                return Word;
            }
        }

        return null;
    }

    // URLs, "www." hosts and bare domains with a common top-level domain: spam's favourite payload.
    [GeneratedRegex(@"(https?://|www\.|\b[\p{L}\p{N}-]+\.(com|net|org|info|biz|io|co|pl|eu|de|uk|ru|xyz|top|shop|store|online|site|app|ly|me)\b)", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, matchTimeoutMilliseconds: 100)]
    private static partial Regex LinkPattern();
}
