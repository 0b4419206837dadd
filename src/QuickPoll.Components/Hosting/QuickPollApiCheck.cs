using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Client;

namespace QuickPoll.Components;

/// <summary>
/// Says at start-up, in one log line, when the components have no collection API to call (no <c>AddQuickPollServer()</c>
/// in the app and no <c>BaseAddress</c>), or when the configured one does not answer: a shop developer learns it from the
/// log, not from a product page. Checks once, after the app has started, and never holds the start-up.
/// </summary>
internal sealed partial class QuickPollApiCheck(
    IServiceProvider services, IHostApplicationLifetime lifetime, IHttpClientFactory clients, ILogger<QuickPollApiCheck> logger) : IHostedService
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(5);

    /// <summary>The HTTP API's address the components would call, or null when none is configured.</summary>
    public static Uri? Address(IServiceProvider services) =>
        services.GetRequiredService<IOptionsFactory<QuickPollClientOptions>>().Create(Options.DefaultName).BaseAddress;

    /// <summary>Whether the app hosts QuickPoll itself, so the components call it in process.</summary>
    public static bool InProcess(IServiceProvider services) =>
        services.GetService<IServiceProviderIsKeyedService>()?.IsKeyedService(typeof(IQuickPollApi), InProcessApi.ServiceKey) == true;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (InProcess(services))
        {
            return Task.CompletedTask;
        }

        if (Address(services) is not { } address)
        {
            LogNoApi(logger);
            return Task.CompletedTask;
        }

        // After start-up, so that an app that is its own endpoint over HTTP already listens.
        lifetime.ApplicationStarted.Register(() => _ = ProbeAsync(address));
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ProbeAsync(Uri address)
    {
        var policy = new Uri(address, "api/v1/site/policy");
        try
        {
            using var client = clients.CreateClient(nameof(QuickPollApiCheck));
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(lifetime.ApplicationStopping);
            timeout.CancelAfter(s_timeout);
            // Any answer will do (a site key may be required): the address is reachable.
            using var response = await client.GetAsync(policy, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
        }
        catch (Exception ex) when (ex is HttpRequestException or OperationCanceledException && !lifetime.ApplicationStopping.IsCancellationRequested)
        {
            LogUnreachable(logger, address, ex is OperationCanceledException ? $"no answer within {s_timeout.TotalSeconds} s" : ex.Message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException)
        {
            // The app stopped meanwhile.
        }
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message =
        "QuickPoll: the components have no collection API to call. Call builder.Services.AddQuickPollServer() to host it in this app, "
        + "or set QuickPoll:Client:BaseAddress to a QuickPoll endpoint; until then every QuickPoll component shows its unavailable notice.")]
    private static partial void LogNoApi(ILogger logger);

    [LoggerMessage(EventId = 2, Level = LogLevel.Error, Message =
        "QuickPoll: the collection API at {BaseAddress} does not answer ({Reason}); QuickPoll components show their unavailable notice until it does.")]
    private static partial void LogUnreachable(ILogger logger, Uri baseAddress, string reason);
}
