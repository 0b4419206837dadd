using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace QuickPoll.Server.Alerts;

/// <summary>Registers staff alerts: the options check, the queue, the delivery service and its HTTP client.</summary>
internal static class AlertServiceCollectionExtensions
{
    public static IServiceCollection AddQuickPollAlerts(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<QuickPollServerOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<AlertQueue>();
        services.AddHostedService<WebhookDelivery>();
        services.AddHttpClient(WebhookDelivery.HttpClientName, static client => client.Timeout = Timeout.InfiniteTimeSpan)
            // A redirect would turn the POST into a GET elsewhere; a receiver that moved is a configuration error to see.
            .ConfigurePrimaryHttpMessageHandler(static () => new SocketsHttpHandler { AllowAutoRedirect = false })
            .AddStandardResilienceHandler(static o =>
            {
                // Network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff and jitter, waiting
                // as long as a Retry-After header asks within the total budget.
                o.Retry.MaxRetryAttempts = 5;
                o.Retry.BackoffType = DelayBackoffType.Exponential;
                o.Retry.UseJitter = true;
                o.Retry.Delay = TimeSpan.FromSeconds(2);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(30);
                o.Retry.ShouldRetryAfterHeader = true;
                o.AttemptTimeout.Timeout = TimeSpan.FromSeconds(10);
                o.TotalRequestTimeout.Timeout = TimeSpan.FromMinutes(2);
                o.CircuitBreaker.SamplingDuration = TimeSpan.FromSeconds(30);
            })
            // One failing receiver opens only its own circuit.
            .SelectPipelineByAuthority();
        return services;
    }
}
