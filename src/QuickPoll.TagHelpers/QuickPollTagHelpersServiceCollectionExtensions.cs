using Microsoft.Extensions.DependencyInjection.Extensions;
using QuickPoll.Client;
using QuickPoll.Components;
using QuickPoll.TagHelpers;

// Root namespace on purpose: the registration is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers QuickPoll's tag helpers for MVC and Razor Pages.</summary>
public static class QuickPollTagHelpersServiceCollectionExtensions
{
    /// <summary>
    /// Registers what QuickPoll's tag helpers need (add <c>@addTagHelper *, QuickPoll.TagHelpers</c> to
    /// <c>_ViewImports.cshtml</c>): the components' services, as <c>AddQuickPollComponents()</c> registers them, calling the
    /// collection API the app hosts itself (<c>AddQuickPollServer()</c> and <c>MapQuickPoll()</c>, whose form handler takes
    /// the tag helpers' forms) or the one at <c>QuickPoll:Client:BaseAddress</c>; the visitor's texts for the form handler's
    /// answers; and antiforgery, which every form carries.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection, for chaining.</returns>
    public static IServiceCollection AddQuickPollTagHelpers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        // An app that also has Blazor pages may have registered the components already, with its own options.
        if (!services.Any(d => d.ServiceType == typeof(QuickPollTexts)))
        {
            services.AddQuickPollComponents();
        }

        AddTagHelperServices(services);
        return services;
    }

    /// <summary>
    /// Registers what QuickPoll's tag helpers need, calling a collection API over HTTP, as
    /// <c>AddQuickPollComponents(configure)</c> does; see <see cref="AddQuickPollTagHelpers(IServiceCollection)"/>.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Sets the collection API's base address and call options.</param>
    /// <returns>The SDK's HTTP client builder, to add handlers or change resilience settings.</returns>
    public static IHttpClientBuilder AddQuickPollTagHelpers(this IServiceCollection services, Action<QuickPollClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddQuickPollComponents(configure);
        AddTagHelperServices(services);
        return builder;
    }

    private static void AddTagHelperServices(IServiceCollection services)
    {
        services.AddAntiforgery();
        // Found by QuickPoll.Server's form handler by key, so that neither package needs the other.
        services.TryAddKeyedSingleton<Func<string, string, string?, string?>>(FormOutcomeTexts.ServiceKey,
            static (sp, _) => ActivatorUtilities.CreateInstance<FormOutcomeTexts>(sp).TextOf);
    }
}
