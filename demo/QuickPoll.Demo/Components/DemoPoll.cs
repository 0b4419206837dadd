using Microsoft.Extensions.Options;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Demo.Components;

/// <summary>
/// The demo's one quick poll (about the notebook), created at start-up through the admin API until the demo has an
/// admin UI. Idempotent: an existing poll for the notebook is reused.
/// </summary>
public sealed class DemoPoll
{
    /// <summary>The product the poll belongs to.</summary>
    public const string Target = "note-003";

    private readonly TaskCompletionSource<string?> _id = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The poll's id once seeded, or <see langword="null"/> when it could not be (no admin key, remote endpoint down).</summary>
    public Task<string?> IdAsync => _id.Task;

    internal void Seeded(string? id) => _id.TrySetResult(id);

    internal static PollDefinition Definition { get; } = new(
        new Dictionary<string, string>
        {
            ["en"] = "What will you use this notebook for?",
            ["pl"] = "Do czego użyjesz tego notesu?",
        },
        [
            new("journal", new Dictionary<string, string> { ["en"] = "Journaling", ["pl"] = "Dziennik" }),
            new("sketching", new Dictionary<string, string> { ["en"] = "Sketching", ["pl"] = "Szkice" }),
            new("planning", new Dictionary<string, string> { ["en"] = "Planning", ["pl"] = "Planowanie" }),
            new("notes", new Dictionary<string, string> { ["en"] = "Work notes", ["pl"] = "Notatki w pracy" }),
        ])
    {
        Target = Target,
    };
}

/// <summary>Registers the demo poll and its seeder.</summary>
public static class DemoPollServiceCollectionExtensions
{
    /// <summary>Seeds the demo's quick poll once the shop listens, with the admin key from <c>QuickPoll:Server:AdminKey</c>.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configuration">The shop's configuration.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddDemoPoll(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var adminKey = configuration["QuickPoll:Server:AdminKey"];
        services.AddSingleton<DemoPoll>();
        services.AddQuickPollAdminClient(o => o.AdminKey = adminKey);
        services.AddHostedService<DemoPollSeeder>();
        return services;
    }
}

internal sealed partial class DemoPollSeeder(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<QuickPollClientOptions> options, DemoPoll poll, ILogger<DemoPollSeeder> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            // The shop calls its own endpoint, whose address is known only once Kestrel listens.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            if (string.IsNullOrEmpty(options.Value.AdminKey))
            {
                poll.Seeded(null);
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<IQuickPollAdminApi>();
            var existing = (await admin.ListPollsAsync(stoppingToken)).FirstOrDefault(p => p.Definition.Target == DemoPoll.Target);
            var id = existing?.Id ?? (await admin.CreatePollAsync(DemoPoll.Definition, stoppingToken)).Id;
            poll.Seeded(id);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            poll.Seeded(null);
        }
        catch (Exception ex)
        {
            Log.SeedFailed(logger, ex);
            poll.Seeded(null);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Demo: could not seed the notebook's quick poll; the page shows none.")]
        public static partial void SeedFailed(ILogger logger, Exception exception);
    }
}
