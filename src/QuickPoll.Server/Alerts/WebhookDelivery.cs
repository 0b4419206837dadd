using System.Globalization;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server.Telemetry;

namespace QuickPoll.Server.Alerts;

/// <summary>
/// Sends queued alerts to the webhooks that subscribe to them, a few at a time, so one slow receiver does not hold
/// back the others. Retries, backoff and timeouts are the named HTTP client's resilience pipeline (see
/// <see cref="AlertServiceCollectionExtensions"/>); after its last failure the alert is logged and left.
/// </summary>
internal sealed partial class WebhookDelivery(
    AlertQueue queue, IHttpClientFactory clients, IOptionsFactory<QuickPollServerOptions> options, TimeProvider time, ILogger<WebhookDelivery> logger, QuickPollMetrics metrics)
    : BackgroundService
{
    public const string HttpClientName = "QuickPoll.Webhooks";

    private const int Concurrency = 4;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Parallel.ForEachAsync(
                queue.Reader.ReadAllAsync(stoppingToken),
                new ParallelOptions { MaxDegreeOfParallelism = Concurrency, CancellationToken = stoppingToken },
                DeliverAsync);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Alerts still queued are not kept across a restart.
        }
    }

    private async ValueTask DeliverAsync(WebhookAlert alert, CancellationToken cancellationToken)
    {
        // Read afresh for each alert, not cached at start-up: a host may learn its own address only once it listens.
        IList<QuickPollWebhook> webhooks;
        try
        {
            webhooks = options.Create(Options.DefaultName).Webhooks;
        }
        catch (OptionsValidationException ex)
        {
            LogInvalidOptions(ex, alert.Id);
            return;
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(alert, QuickPollJsonContext.Default.WebhookAlert);
        await Task.WhenAll(webhooks.Where(w => w.Wants(alert.Type)).Select(w => SendAsync(w, alert, body, cancellationToken)));
    }

    private async Task SendAsync(QuickPollWebhook webhook, WebhookAlert alert, byte[] body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        request.Headers.Add(WebhookHeaders.Event, alert.Type);
        request.Headers.Add(WebhookHeaders.Delivery, alert.Id);
        request.Headers.Add(WebhookHeaders.Timestamp, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(WebhookHeaders.Signature, WebhookSignature.Sign(webhook.Secret!, timestamp, body));
        try
        {
            using var response = await clients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            metrics.WebhookDelivered(response.IsSuccessStatusCode ? "delivered" : "refused");
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(alert.Type, alert.Id, webhook.Url!.Authority, (int)response.StatusCode);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            metrics.WebhookDelivered("failed");
            LogFailed(ex, alert.Type, alert.Id, webhook.Url!.Authority);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook at {Host} answered {Status} to the {Type} alert {AlertId} (after any retries); the alert is dropped.")]
    private partial void LogRefused(string type, string alertId, string host, int status);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The webhook at {Host} could not take the {Type} alert {AlertId} after every retry; the alert is dropped.")]
    private partial void LogFailed(Exception exception, string type, string alertId, string host);

    [LoggerMessage(Level = LogLevel.Error, Message = "The webhook options are not valid; the alert {AlertId} is dropped.")]
    private partial void LogInvalidOptions(Exception exception, string alertId);
}
