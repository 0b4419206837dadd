using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Alerts;

/// <summary>
/// Decides which stored answers and comments staff are alerted about, and queues those alerts once their write is
/// committed. Queuing never waits: when the queue is full (receivers far behind), an alert is dropped with a warning
/// rather than slowing the writer or the visitor.
/// </summary>
internal sealed partial class AlertQueue(IOptionsMonitor<QuickPollServerOptions> options, TimeProvider time, ILogger<AlertQueue> logger)
{
    public const int Capacity = 1_000;

    // Full mode Wait makes TryWrite report a full queue (the drop modes would drop silently); nothing ever awaits it.
    private readonly Channel<WebhookAlert> _alerts = Channel.CreateBounded<WebhookAlert>(
        new BoundedChannelOptions(Capacity) { FullMode = BoundedChannelFullMode.Wait });

    public ChannelReader<WebhookAlert> Reader => _alerts.Reader;

    /// <summary>Alerts on an answer that is, and was not before this write, a detractor or a low rating.</summary>
    /// <param name="batch">The answer's write.</param>
    /// <param name="answer">The answer.</param>
    /// <param name="previousScore">The visitor's earlier score this answer replaces, if any.</param>
    public void AnswerStored(WriteBatch batch, SubmitAnswerRequest answer, int? previousScore)
    {
        var type = TypeOf(answer.Kind, answer.Score);
        if (type is null || (previousScore is { } earlier && TypeOf(answer.Kind, earlier) == type) || !Wanted(type))
        {
            return;
        }

        Queue(batch, WithContext(new WebhookAlert(NewId(), type, time.GetUtcNow(), answer.Target) { Kind = answer.Kind, Score = answer.Score }, answer));
    }

    /// <summary>Alerts on a new comment that was held for moderation.</summary>
    /// <param name="batch">The comment's write.</param>
    /// <param name="comment">The comment: its text and name stay out of the alert.</param>
    /// <param name="commentId">The stored comment's id.</param>
    /// <param name="holdReason">Why it was held, or <see langword="null"/> when it was published.</param>
    public void CommentStored(WriteBatch batch, SubmitCommentRequest comment, long commentId, string? holdReason)
    {
        if (holdReason is null || !Wanted(WebhookEvents.CommentHeld))
        {
            return;
        }

        Queue(batch, WithContext(
            new WebhookAlert(NewId(), WebhookEvents.CommentHeld, time.GetUtcNow(), comment.Target) { CommentId = commentId, HoldReason = holdReason, Rating = comment.Rating },
            comment));
    }

    // Alerts carry the context fields staff triage by, never the visitor id, language or page.
    private static WebhookAlert WithContext(WebhookAlert alert, FeedbackContext context) =>
        alert with { Segment = context.Segment, JourneyStage = context.JourneyStage, Touchpoint = context.Touchpoint };

    private static string? TypeOf(FeedbackKind kind, int score) => kind switch
    {
        FeedbackKind.Nps when score <= 6 => WebhookEvents.Detractor,
        FeedbackKind.Stars or FeedbackKind.Csat when score <= 2 => WebhookEvents.LowRating,
        _ => null,
    };

    // A site without webhooks for this event queues nothing (the monitor's value is cached and follows reloads).
    private bool Wanted(string type) => options.CurrentValue.Webhooks.Any(w => w.Wants(type));

    private static string NewId() => Guid.CreateVersion7().ToString();

    // After the commit only: a rolled-back write alerts nobody, and a retried one alerts once.
    private void Queue(WriteBatch batch, WebhookAlert alert) => batch.AfterCommit(() =>
    {
        if (!_alerts.Writer.TryWrite(alert))
        {
            LogDropped(alert.Type, alert.Id, Capacity);
        }
    });

    [LoggerMessage(Level = LogLevel.Warning, Message = "Dropped the {Type} alert {AlertId}: {Capacity} alerts already wait for their webhooks.")]
    private partial void LogDropped(string type, string alertId, int capacity);
}
