using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace QuickPoll.Components;

/// <summary>The services every component uses besides the SDK: its texts and the page's shared state.</summary>
internal static class QuickPollComponentServices
{
    public static IServiceCollection AddQuickPollComponentServices(this IServiceCollection services)
    {
        services.AddLocalization();
        services.TryAddSingleton<QuickPollTexts>();
        services.TryAddScoped<QuickPollPageState>();
        return services;
    }
}
