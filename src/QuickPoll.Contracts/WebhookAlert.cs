using System.Text.Json.Serialization;

namespace QuickPoll.Contracts;

/// <summary>The kinds of webhook alert, as sent in <see cref="WebhookAlert.Type"/> and the <c>X-QuickPoll-Event</c> header.</summary>
public static class WebhookEvents
{
    /// <summary>An NPS answer of 0 to 6, new or changed into that range by a re-vote.</summary>
    public const string Detractor = "detractor";

    /// <summary>A star or CSAT answer of 1 or 2, new or changed into that range by a re-vote.</summary>
    public const string LowRating = "low-rating";

    /// <summary>A new comment held for moderation.</summary>
    public const string CommentHeld = "comment-held";

    /// <summary>Every kind of alert.</summary>
    public static IReadOnlyList<string> All { get; } = [Detractor, LowRating, CommentHeld];
}

/// <summary>The names of the headers a webhook alert is sent with.</summary>
public static class WebhookHeaders
{
    /// <summary>The alert's type, one of <see cref="WebhookEvents"/>.</summary>
    public const string Event = "X-QuickPoll-Event";

    /// <summary>The alert's id, the same on every retry of it, so a receiver can ignore a repeat.</summary>
    public const string Delivery = "X-QuickPoll-Delivery";

    /// <summary>When the alert was signed, in Unix seconds.</summary>
    public const string Timestamp = "X-QuickPoll-Timestamp";

    /// <summary>The signature, <c>sha256=&lt;hex&gt;</c>; check it with <c>WebhookSignature.Verify</c>.</summary>
    public const string Signature = "X-QuickPoll-Signature";
}

/// <summary>
/// The JSON body of a webhook alert to staff: what happened and where, but never who. It carries no visitor id, no
/// comment text and no display name, so no personal data reaches the receiving system.
/// </summary>
/// <param name="Id">The alert's unique id, also sent as the <c>X-QuickPoll-Delivery</c> header.</param>
/// <param name="Type">What happened: one of <see cref="WebhookEvents"/>.</param>
/// <param name="CreatedAt">When the answer or comment was stored.</param>
/// <param name="Target">What was rated or commented on, for example a product SKU.</param>
public sealed record WebhookAlert(string Id, string Type, DateTimeOffset CreatedAt, string Target)
{
    /// <summary>The answer's scale, for <see cref="WebhookEvents.Detractor"/> and <see cref="WebhookEvents.LowRating"/>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public FeedbackKind? Kind { get; init; }

    /// <summary>The answer's score on its scale.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Score { get; init; }

    /// <summary>The visitor's segment, if the page sent one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Segment { get; init; }

    /// <summary>The journey stage, if the page sent one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public JourneyStage? JourneyStage { get; init; }

    /// <summary>The touchpoint, if the page sent one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Touchpoint { get; init; }

    /// <summary>The held comment's id, for <see cref="WebhookEvents.CommentHeld"/>: staff find it in moderation.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public long? CommentId { get; init; }

    /// <summary>Why the comment was held: <c>"moderation"</c>, <c>"link"</c> or <c>"word"</c>.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? HoldReason { get; init; }

    /// <summary>The star rating given with the held comment, if any.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Rating { get; init; }
}
