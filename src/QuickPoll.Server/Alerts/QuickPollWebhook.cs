using QuickPoll.Contracts;

namespace QuickPoll.Server;

/// <summary>
/// One receiver of staff alerts: QuickPoll POSTs each alert it subscribes to as JSON (<see cref="WebhookAlert"/>),
/// signed with <see cref="Secret"/> (see <see cref="WebhookSignature"/>), and retries with backoff when it fails.
/// </summary>
public sealed class QuickPollWebhook
{
    /// <summary>The receiver's absolute <c>http</c> or <c>https</c> address, for example <c>https://hooks.example.com/quickpoll</c>.</summary>
    public Uri? Url { get; set; }

    /// <summary>The secret alerts are signed with, at least 32 characters, shared only with the receiver.</summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The alerts to send: any of <c>detractor</c>, <c>low-rating</c> and <c>comment-held</c> (see
    /// <see cref="WebhookEvents"/>). Empty sends all of them.
    /// </summary>
    public IList<string> Events { get; } = [];

    internal bool Wants(string type) => Events.Count == 0 || Events.Contains(type, StringComparer.Ordinal);
}
