using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Telemetry;

/// <summary>
/// Every instrument of the <c>QuickPoll.Server</c> meter, made through the host's <see cref="IMeterFactory"/> so an
/// OpenTelemetry exporter's <c>AddMeter("QuickPoll.Server")</c> (or a test's collector) sees them. Names follow the
/// OpenTelemetry semantic conventions: dotted lower case, durations in seconds.
/// </summary>
internal sealed class QuickPollMetrics
{
    public const string MeterName = "QuickPoll.Server";

    private readonly Counter<long> _answersStored;
    private readonly Counter<long> _writesRefused;
    private readonly Histogram<int> _groupSize;
    private readonly Histogram<double> _commitDuration;
    private readonly Histogram<double> _flushDuration;
    private readonly Counter<long> _webhookDeliveries;
    private readonly Meter _meter;
    private Func<int>? _queueLength;

    public QuickPollMetrics(IMeterFactory meters)
    {
        _meter = meters.Create(MeterName);
        _answersStored = _meter.CreateCounter<long>(
            "quickpoll.answers.stored", "{answer}", "Answers stored (a re-vote counts again), by kind.");
        _writesRefused = _meter.CreateCounter<long>(
            "quickpoll.writes.refused", "{write}", "Submissions to the public API answered with an error, by reason.");
        _groupSize = _meter.CreateHistogram<int>(
            "quickpoll.write.group.size", "{write}", "Writes committed together in one transaction.");
        _commitDuration = _meter.CreateHistogram<double>(
            "quickpoll.write.commit.duration", "s", "Time to run and commit one group of writes.");
        _flushDuration = _meter.CreateHistogram<double>(
            "quickpoll.write.flush.duration", "s", "Time to flush committed groups to disk, where that is done apart from the commit (SQLite).");
        _meter.CreateObservableUpDownCounter(
            "quickpoll.write.queue.length", () => _queueLength?.Invoke() ?? 0, "{write}", "Writes waiting for the writer.");
        _webhookDeliveries = _meter.CreateCounter<long>(
            "quickpoll.webhook.deliveries", "{delivery}", "Webhook alerts sent, by outcome: delivered, refused (an error status) or failed (no answer).");
    }

    public void AnswerStored(FeedbackKind kind) =>
        _answersStored.Add(1, new KeyValuePair<string, object?>("quickpoll.answer.kind", FeedbackKindNames.Of(kind)));

    public void WriteRefused(string reason) =>
        _writesRefused.Add(1, new KeyValuePair<string, object?>("quickpoll.refusal.reason", reason));

    /// <summary>A group committed: its size, and its time from <paramref name="startedAt"/> (a <see cref="TimeProvider"/> timestamp).</summary>
    public void GroupCommitted(int size, TimeProvider time, long startedAt)
    {
        _groupSize.Record(size);
        _commitDuration.Record(time.GetElapsedTime(startedAt).TotalSeconds);
    }

    public void WebhookDelivered(string outcome) =>
        _webhookDeliveries.Add(1, new KeyValuePair<string, object?>("quickpoll.webhook.outcome", outcome));

    /// <summary>Reports the write queue's length when the queue-length instrument is observed.</summary>
    public void ObserveQueueLength(Func<int> length) => _queueLength = length;

    /// <summary>Times each flush of <paramref name="flush"/>.</summary>
    public CommitFlush Timed(CommitFlush flush) => new TimedFlush(flush, _flushDuration);

    /// <summary>The reason a submission's response names, from its status: a small fixed set, whatever the request was.</summary>
    public static string RefusalReason(int status) => status switch
    {
        StatusCodes.Status400BadRequest or StatusCodes.Status422UnprocessableEntity => "invalid",
        StatusCodes.Status401Unauthorized or StatusCodes.Status403Forbidden => "forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status409Conflict or StatusCodes.Status410Gone => "conflict",
        StatusCodes.Status413PayloadTooLarge => "too_large",
        StatusCodes.Status415UnsupportedMediaType => "unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        StatusCodes.Status503ServiceUnavailable => "unavailable",
        _ => "other",
    };

    private sealed class TimedFlush(CommitFlush inner, Histogram<double> duration) : CommitFlush
    {
        public override void Flush()
        {
            var started = Stopwatch.GetTimestamp();
            inner.Flush();
            duration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
        }

        public override void Dispose() => inner.Dispose();
    }
}

/// <summary>Counts every public API submission answered with an error status, by <see cref="QuickPollMetrics.RefusalReason"/>.</summary>
internal sealed class RefusalMetricsFilter(QuickPollMetrics metrics) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = next(context);
        if (!result.IsCompletedSuccessfully)
        {
            return AwaitAsync(result, context.HttpContext.Request);
        }

        Count(context.HttpContext.Request, result.Result);
        return result;
    }

    private async ValueTask<object?> AwaitAsync(ValueTask<object?> pending, HttpRequest request)
    {
        var result = await pending;
        Count(request, result);
        return result;
    }

    private void Count(HttpRequest request, object? result)
    {
        if (!HttpMethods.IsGet(request.Method) && !HttpMethods.IsHead(request.Method) && !HttpMethods.IsOptions(request.Method)
            && (result is INestedHttpResult nested ? nested.Result : result) is IStatusCodeHttpResult { StatusCode: >= 400 and var status })
        {
            metrics.WriteRefused(QuickPollMetrics.RefusalReason(status));
        }
    }
}
