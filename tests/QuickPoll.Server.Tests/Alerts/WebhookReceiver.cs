using System.Net;
using System.Text;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Alerts;

/// <summary>One request a <see cref="WebhookReceiver"/> got, as it arrived on the wire.</summary>
public sealed record ReceivedWebhook(string? Event, string? Delivery, string? Timestamp, string? Signature, string? ContentType, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    public WebhookAlert Alert => JsonSerializer.Deserialize(Body, QuickPollJsonContext.Default.WebhookAlert)!;

    public bool IsSignedWith(string secret) => WebhookSignature.Verify(secret, Timestamp, Body, Signature, DateTimeOffset.UtcNow);
}

/// <summary>
/// A shop's webhook receiver: a real Kestrel app on a loopback port that records every request and answers as the
/// test says (200 unless told otherwise; a test can also make it hang until it is disposed).
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Channel<ReceivedWebhook> _arrivals = Channel.CreateUnbounded<ReceivedWebhook>();
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _requests;
    private int _answered;

    private WebhookReceiver()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        _app = builder.Build();
        _app.Run(ReceiveAsync);
    }

    /// <summary>Answers the n-th request (from 1) with a status code; <see langword="null"/> makes the receiver hang.</summary>
    public Func<int, int?> Respond { get; set; } = _ => StatusCodes.Status200OK;

    public Uri Url { get; private set; } = null!;

    /// <summary>How many requests got an answer.</summary>
    public int Answered => Volatile.Read(ref _answered);

    public static async Task<WebhookReceiver> StartAsync()
    {
        var receiver = new WebhookReceiver();
        await receiver._app.StartAsync();
        var address = receiver._app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        receiver.Url = new Uri(address.TrimEnd('/') + "/hooks/quickpoll");
        return receiver;
    }

    /// <summary>The next request, waiting up to <paramref name="timeout"/> (10 seconds by default).</summary>
    public async Task<ReceivedWebhook> NextAsync(TimeSpan? timeout = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(10));
        try
        {
            return await _arrivals.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException("The receiver got no webhook in time.");
        }
    }

    /// <summary>Waits briefly, then says whether nothing more arrived.</summary>
    public async Task<bool> StaysQuietAsync()
    {
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        return !_arrivals.Reader.TryPeek(out _);
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body);
        var headers = context.Request.Headers;
        var n = Interlocked.Increment(ref _requests);
        _arrivals.Writer.TryWrite(new ReceivedWebhook(
            headers[WebhookHeaders.Event], headers[WebhookHeaders.Delivery], headers[WebhookHeaders.Timestamp], headers[WebhookHeaders.Signature],
            context.Request.ContentType, body.ToArray()));
        if (Respond(n) is not { } status)
        {
            await _released.Task;
            return;
        }

        Interlocked.Increment(ref _answered);
        context.Response.StatusCode = status;
    }
}
