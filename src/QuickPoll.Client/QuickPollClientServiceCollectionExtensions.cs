using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using QuickPoll.Client;
using QuickPoll.Contracts;
using Refit;

// Root namespace on purpose: the registration is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the QuickPoll SDK.</summary>
public static class QuickPollClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IQuickPollApi"/> as a typed HTTP client with the standard resilience handler.
    /// Every submission carries an idempotency key, so its retries are safe.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the API's base address and call options.</param>
    /// <returns>The HTTP client builder, to add handlers or change resilience settings.</returns>
    public static IHttpClientBuilder AddQuickPollClient(this IServiceCollection services, Action<QuickPollClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        services.AddOptions<QuickPollClientOptions>()
            .Configure(configure)
            .Validate(o => o.BaseAddress is null || o.BaseAddress.IsAbsoluteUri, "QuickPoll: BaseAddress must be an absolute URI.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, "QuickPoll: AttemptTimeout must be positive.");
        services.TryAddTransient<IdempotencyKeyHandler>();

        var builder = services
            .AddRefitGeneratedClient<IQuickPollApi>(static _ => CreateRefitSettings())
            .ConfigureHttpClient(static (sp, client) =>
            {
                var options = sp.GetRequiredService<IOptions<QuickPollClientOptions>>().Value;
                client.BaseAddress = options.BaseAddress
                    ?? throw new InvalidOperationException("QuickPoll: set QuickPollClientOptions.BaseAddress to the collection API's address.");
            })
            .AddHttpMessageHandler<IdempotencyKeyHandler>();

        builder.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<QuickPollClientOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.AttemptTimeout * 4;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
            });

        return builder;
    }

    private static RefitSettings CreateRefitSettings()
    {
        var settings = RefitSettings.ForJsonContext(QuickPollJsonContext.Default);
        settings.ExceptionFactory = async response =>
        {
            if (response.IsSuccessStatusCode)
            {
                return null;
            }

            var request = response.RequestMessage!;
            var exception = await ApiException.Create(request, request.Method, response, settings).ConfigureAwait(false);
            // Problem details carry the field errors; surface them as Refit's validation exception.
            return exception.ContentHeaders?.ContentType?.MediaType == "application/problem+json" && !string.IsNullOrWhiteSpace(exception.Content)
                ? ValidationApiException.Create(exception)
                : exception;
        };
        return settings;
    }
}
