using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;
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
    /// Every submission carries an idempotency key, so its retries are safe, and every call the site's key
    /// (<see cref="QuickPollClientOptions.SiteKey"/>) when set.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the API's base address and call options.</param>
    /// <returns>The HTTP client builder, to add handlers or change resilience settings.</returns>
    public static IHttpClientBuilder AddQuickPollClient(this IServiceCollection services, Action<QuickPollClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddTransient<IdempotencyKeyHandler>();
        services.TryAddTransient<SiteKeyHandler>();
        return AddApi<IQuickPollApi>(services, configure).AddHttpMessageHandler<IdempotencyKeyHandler>().AddHttpMessageHandler<SiteKeyHandler>()
            .AddQuickPollResilience(retryUnsafeMethods: true);
    }

    /// <summary>
    /// Registers <see cref="IQuickPollAdminApi"/>, the staff's API, as a typed HTTP client that sends
    /// <see cref="QuickPollClientOptions.AdminKey"/> with every call, with the standard resilience handler.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the API's base address and admin key.</param>
    /// <returns>The HTTP client builder, to add handlers or change resilience settings.</returns>
    public static IHttpClientBuilder AddQuickPollAdminClient(this IServiceCollection services, Action<QuickPollClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.TryAddTransient<AdminKeyHandler>();
        return AddApi<IQuickPollAdminApi>(services, configure).AddHttpMessageHandler<AdminKeyHandler>().AddQuickPollResilience(retryUnsafeMethods: false);
    }

    private static IHttpClientBuilder AddApi<TApi>(IServiceCollection services, Action<QuickPollClientOptions> configure)
        where TApi : class
    {
        services.AddOptions<QuickPollClientOptions>()
            // Configuration is optional: a console app or a test may have none.
            .Configure<IServiceProvider>(static (o, sp) => sp.GetService<IConfiguration>()?.GetSection(QuickPollClientOptions.SectionName).Bind(o))
            .Configure(configure)
            .Validate(o => o.BaseAddress is null || o.BaseAddress.IsAbsoluteUri, "QuickPoll: BaseAddress must be an absolute URI.")
            .Validate(o => o.AttemptTimeout > TimeSpan.Zero, "QuickPoll: AttemptTimeout must be positive.");

        return services
            .AddRefitGeneratedClient<TApi>(static _ => CreateRefitSettings())
            .ConfigureHttpClient(static (sp, client) =>
            {
                // Built afresh for each client, not cached at start-up: a host may learn its address only once it listens.
                var options = sp.GetRequiredService<IOptionsFactory<QuickPollClientOptions>>().Create(Microsoft.Extensions.Options.Options.DefaultName);
                client.BaseAddress = options.BaseAddress
                    ?? throw new InvalidOperationException("QuickPoll: set QuickPollClientOptions.BaseAddress to the collection API's address.");
            });
    }

    // Public submissions carry an idempotency key added before this handler runs, so retrying them is safe;
    // staff's changes carry none and are not retried.
    private static IHttpClientBuilder AddQuickPollResilience(this IHttpClientBuilder builder, bool retryUnsafeMethods)
    {
        builder.AddStandardResilienceHandler()
            .Configure((HttpStandardResilienceOptions resilience, IServiceProvider sp) =>
            {
                var options = sp.GetRequiredService<IOptions<QuickPollClientOptions>>().Value;
                resilience.AttemptTimeout.Timeout = options.AttemptTimeout;
                resilience.TotalRequestTimeout.Timeout = options.AttemptTimeout * 4;
                resilience.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2;
                if (!retryUnsafeMethods)
                {
                    resilience.Retry.DisableForUnsafeHttpMethods();
                }
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
            return QuickPollApiException.From(await ApiException.Create(request, request.Method, response, settings).ConfigureAwait(false));
        };
        return settings;
    }
}
