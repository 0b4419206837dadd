using System.Text.Json;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server;

namespace QuickPoll.Demo.Alerts;

/// <summary>An alert the demo's receiver accepted, with when it arrived.</summary>
/// <param name="Alert">The alert, its signature verified.</param>
/// <param name="ReceivedAt">When the receiver got it.</param>
internal sealed record ReceivedAlert(WebhookAlert Alert, DateTimeOffset ReceivedAt);

/// <summary>The last alerts the demo's own webhook receiver accepted, newest first, in memory only.</summary>
internal sealed class AlertInbox
{
    public const int Capacity = 50;

    private readonly Lock _lock = new();
    private readonly LinkedList<ReceivedAlert> _alerts = new();

    /// <summary>Keeps an alert unless it is a repeat (a retry of one already kept).</summary>
    /// <returns><see langword="false"/> for a repeat.</returns>
    public bool Add(WebhookAlert alert, DateTimeOffset receivedAt)
    {
        lock (_lock)
        {
            if (_alerts.Any(a => a.Alert.Id == alert.Id))
            {
                return false;
            }

            _alerts.AddFirst(new ReceivedAlert(alert, receivedAt));
            if (_alerts.Count > Capacity)
            {
                _alerts.RemoveLast();
            }

            return true;
        }
    }

    public IReadOnlyList<ReceivedAlert> Latest()
    {
        lock (_lock)
        {
            return [.. _alerts];
        }
    }
}

/// <summary>
/// The demo is its own staff's webhook receiver: QuickPoll sends alerts to <see cref="ReceiverPath"/>, which checks
/// each signature as any shop's receiver should, and <c>/demo/alerts</c> lists what arrived.
/// </summary>
internal static class DemoAlerts
{
    public const string ReceiverPath = "/demo/webhooks";

    private const int MaxBodyBytes = 64 * 1024;

    /// <summary>Keeps received alerts, and points the configured webhook for <see cref="ReceiverPath"/> at this very shop.</summary>
    public static IServiceCollection AddDemoAlerts(this IServiceCollection services)
    {
        services.AddSingleton<AlertInbox>();
        // appsettings.json names the usual local port; the shop's real one (a test's, say) is known only once Kestrel
        // listens. QuickPoll reads its webhooks afresh for each alert, so they then reach this shop wherever it listens.
        services.AddOptions<QuickPollServerOptions>().PostConfigure<IServer>((options, server) =>
        {
            if (OwnAddress.Of(server) is not { } own)
            {
                return;
            }

            foreach (var webhook in options.Webhooks.Where(IsOwn))
            {
                webhook.Url = new Uri(own, ReceiverPath);
            }
        });
        return services;
    }

    /// <summary>
    /// Maps the receiver: a signed alert is kept (<c>204</c>), anything else refused with a problem body (which also keeps
    /// the shop's status code pages from re-running the request as a page).
    /// </summary>
    public static IEndpointRouteBuilder MapDemoAlerts(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(ReceiverPath, ReceiveAsync).ExcludeFromDescription();
        return endpoints;
    }

    private static bool IsOwn(QuickPollWebhook webhook) => webhook.Url is { IsAbsoluteUri: true, IsLoopback: true } url && url.AbsolutePath == ReceiverPath;

    private static async Task<IResult> ReceiveAsync(
        HttpRequest request, AlertInbox inbox, IOptions<QuickPollServerOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        if (options.Value.Webhooks.FirstOrDefault(IsOwn)?.Secret is not { } secret)
        {
            return TypedResults.Problem("No webhook is configured for this receiver.", statusCode: StatusCodes.Status404NotFound);
        }

        if (request.ContentLength is > MaxBodyBytes)
        {
            return TypedResults.Problem("An alert is far smaller than this.", statusCode: StatusCodes.Status413PayloadTooLarge);
        }

        // The signature covers the raw bytes, so they are checked before any JSON is read.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        var body = buffer.ToArray();
        var headers = request.Headers;
        if (!WebhookSignature.Verify(secret, headers[WebhookHeaders.Timestamp], body, headers[WebhookHeaders.Signature], time.GetUtcNow()))
        {
            return TypedResults.Problem("The signature or timestamp is not valid.", statusCode: StatusCodes.Status401Unauthorized);
        }

        try
        {
            if (JsonSerializer.Deserialize(body, QuickPollJsonContext.Default.WebhookAlert) is { } alert)
            {
                inbox.Add(alert, time.GetUtcNow());
                return TypedResults.NoContent();
            }
        }
        catch (JsonException)
        {
            // Signed but unreadable: a newer QuickPoll's shape, say. Refused below.
        }

        return TypedResults.Problem("The body is not a QuickPoll alert.", statusCode: StatusCodes.Status400BadRequest);
    }
}
