using Microsoft.Extensions.DependencyInjection.Extensions;
using QuickPoll.Client;
using QuickPoll.Components;

// Root namespace on purpose: the registration is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers the QuickPoll Blazor components.</summary>
public static class QuickPollComponentsServiceCollectionExtensions
{
    /// <summary>
    /// Registers what every QuickPoll component needs: the QuickPoll SDK
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
