using Microsoft.Extensions.DependencyInjection.Extensions;
using QuickPoll.Client;
using QuickPoll.Components;

// Root namespace on purpose: the registration is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the QuickPoll Blazor components.</summary>
public static class QuickPollComponentsServiceCollectionExtensions
{
    // Where the parameterless form keeps the HTTP client, for an app that does not host QuickPoll itself.
    private const string RemoteApiKey = "QuickPoll.Remote";

    /// <summary>
    /// Registers what every QuickPoll component needs, calling the collection API the app hosts itself when it also calls
    /// <c>AddQuickPollServer()</c> (before or after this): in process, with no address and no HTTP hop. Otherwise the
    /// components call the endpoint at <c>QuickPoll:Client:BaseAddress</c> from configuration, as
    /// <see cref="QuickPollClientServiceCollectionExtensions.AddQuickPollClient"/> does. An app with neither, or with an
    /// address that does not answer, gets one error line in its log at start-up, and a component shows its notice at once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddQuickPollComponents(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(IQuickPollApi) && Equals(d.ServiceKey, RemoteApiKey)))
        {
            return services;
        }

        services.AddQuickPollClient(static _ => { });
        // The HTTP client's registration moves under a key of its own; the API the components get prefers the app's own.
        var http = services.Last(d => d.ServiceType == typeof(IQuickPollApi) && !d.IsKeyedService);
        services.Remove(http);
        services.Add(ServiceDescriptor.DescribeKeyed(
            typeof(IQuickPollApi), RemoteApiKey, (sp, _) => http.ImplementationFactory!(sp), http.Lifetime));
        services.AddTransient(static sp =>
            sp.GetKeyedService<IQuickPollApi>(InProcessApi.ServiceKey)
            ?? (QuickPollApiCheck.Address(sp) is null ? new UnconfiguredQuickPollApi() : sp.GetRequiredKeyedService<IQuickPollApi>(RemoteApiKey)));
        services.AddHostedService<QuickPollApiCheck>();
        services.AddQuickPollComponentServices();
        return services;
    }

    /// <summary>
    /// Registers what every QuickPoll component needs, calling a collection API over HTTP: a shared QuickPoll endpoint that
    /// several sites use, or, in InteractiveWebAssembly, the app's own. Registers the QuickPoll SDK
    /// (see <see cref="QuickPollClientServiceCollectionExtensions.AddQuickPollClient"/>) and the per-page channels
    /// through which a submitted rating updates every summary of the same target, a summary filters a review list,
    /// and a published comment appears in the review list.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the collection API's base address and call options.</param>
    /// <returns>The SDK's HTTP client builder, to add handlers or change resilience settings.</returns>
    public static IHttpClientBuilder AddQuickPollComponents(this IServiceCollection services, Action<QuickPollClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);

        var builder = services.AddQuickPollClient(configure);
        services.AddQuickPollComponentServices();
        return builder;
    }
}
