using System.Runtime.Serialization;
using System.Text.Json.Serialization;

namespace QuickPoll.Contracts;

/// <summary>How the site publishes comments.</summary>
public enum ModerationPolicy
{
    /// <summary>Comments appear at once unless they contain a link or a blocked word; those wait for staff.</summary>
    [JsonStringEnumMemberName("publish-unless-flagged"), EnumMember(Value = "publish-unless-flagged")]
    PublishUnlessFlagged = 0,

    /// <summary>Every comment waits for staff to approve it.</summary>
    [JsonStringEnumMemberName("hold-all"), EnumMember(Value = "hold-all")]
    HoldAll = 1,
}

/// <summary>
/// How the site collects and checks reviews, read from its real settings, so that a page can tell customers
/// (as the EU Omnibus rules require) whether and how reviews are verified.
/// </summary>
/// <param name="Moderation">How comments are published.</param>
/// <param name="VerifiesPurchases">Whether the shop marks reviews from confirmed buyers (signed order tokens).</param>
/// <param name="OneAnswerPerVisitor">Whether a visitor's second rating replaces the first (a visitor cookie is set by the endpoint).</param>
public sealed record SitePolicy(ModerationPolicy Moderation, bool VerifiesPurchases, bool OneAnswerPerVisitor);
