using QuickPoll.Components;

// Root namespace on purpose: the registration is found without an extra using.
namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Adds a shop's own texts (another language, or other wording) to the QuickPoll components.</summary>
public static class QuickPollTextsServiceCollectionExtensions
{
    /// <summary>
    /// Reads the components' texts from the shop's resources of <typeparamref name="TResource"/> first (for example
    /// <c>Resources/ShopTexts.de.resx</c> for a <c>ShopTexts</c> class, with the app's
    /// <c>AddLocalization(o =&gt; o.ResourcesPath = "Resources")</c>), falling back to QuickPoll's English and Polish
    /// texts for every key the shop's resources leave out. Keys are those of QuickPoll's own resources; counts take
    /// a plural suffix (<c>_one</c>, <c>_few</c>, <c>_many</c>, <c>_other</c>).
    /// </summary>
    /// <typeparam name="TResource">The type the shop's resource files are named after.</typeparam>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddQuickPollTexts<TResource>(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddLocalization();
        return services.Configure<QuickPollTextOptions>(o => o.ResourceType = typeof(TResource));
    }
}
