using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QuickPoll.Client;
using QuickPoll.Server.InProcess;

namespace QuickPoll.Server.Application;

/// <summary>Registers the staff's use cases and the in-process <see cref="IQuickPollAdminApi"/> over them.</summary>
internal static class AdminServices
{
    public static IServiceCollection AddQuickPollAdminUseCases(this IServiceCollection services)
    {
        services.TryAddSingleton<CreatePoll>();
        services.TryAddSingleton<ListPolls>();
        services.TryAddSingleton<UpdatePoll>();
        services.TryAddSingleton<ReadPollResultsBreakdown>();
        services.TryAddSingleton<ReadModerationQueue>();
        services.TryAddSingleton<ModerateComments>();
        services.TryAddSingleton<DeleteComment>();
        services.TryAddSingleton<ReadResults>();
        services.TryAddSingleton<ExportAnswers>();
        services.TryAddSingleton<ReadInsights>();
        services.TryAddSingleton<ImportFeedback>();
        services.TryAddSingleton<EraseVisitor>();
        services.TryAddSingleton<RegisterSite>();
        services.TryAddSingleton<UpdateSite>();
        services.TryAddSingleton<RotateSitePublicKey>();
        services.TryAddSingleton<CreateAdminKey>();
        services.TryAddSingleton<RevokeAdminKey>();
        services.TryAddSingleton<ReadAccess>();
        // A host that registers the HTTP admin SDK (AddQuickPollAdminClient) for a remote endpoint keeps it, before or after this.
        services.TryAddSingleton<IQuickPollAdminApi, InProcessAdminApi>();
        return services;
    }
}
