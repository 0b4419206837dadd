using Microsoft.Extensions.Options;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Demo.Components;

/// <summary>
/// The demo's quick polls, created at start-up through the admin API until the demo has an admin UI: one about the
/// notebook, and one for the render mode pages, so answers there never mix with the notebook's. Idempotent: existing
/// polls are reused.
/// </summary>
public sealed class DemoPoll
{
    /// <summary>The product the poll belongs to.</summary>
    public const string Target = "note-003";

    /// <summary>The target of the render mode pages' poll.</summary>
    public const string ModesTarget = "modes";

    private readonly TaskCompletionSource<string?> _id = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _modesId = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _finished = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>The poll's id once seeded, or <see langword="null"/> when it could not be (no admin key, remote endpoint down).</summary>
    public Task<string?> IdAsync => _id.Task;

    /// <summary>The render mode pages' poll id, waiting at most 15 seconds for the seeding, or <see langword="null"/> without one.</summary>
    /// <returns>The id, or <see langword="null"/>.</returns>
    public Task<string?> ModesIdOrNullAsync() =>
        _modesId.Task.WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);

    /// <summary>Completes when seeding is over (the polls and, when on, the two months of history), whether it succeeded or not.</summary>
    public Task SeedingFinished => _finished.Task;

    internal void Finished() => _finished.TrySetResult();

    internal void Seeded(string? id, string? modesId)
    {
        _id.TrySetResult(id);
        _modesId.TrySetResult(modesId);
    }

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

    internal static PollDefinition ModesDefinition { get; } = Definition with { Target = ModesTarget };
}

/// <summary>Registers the demo poll and its seeder.</summary>
public static class DemoPollServiceCollectionExtensions
{
    /// <summary>
    /// Seeds the demo's quick poll once the shop listens, with the admin key from <c>QuickPoll:Server:AdminKey</c>, and
    /// two months of feedback history into an empty shop unless <c>Demo:SeedHistory</c> is false.
    /// </summary>
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
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IOptions<QuickPollClientOptions> options, DemoPoll poll, IConfiguration configuration,
    ILogger<DemoPollSeeder> logger)
    : BackgroundService
{
    // Two months of history for the staff dashboard, imported once into an empty shop (Demo:SeedHistory, on by default).
    private readonly bool seedHistory = configuration.GetValue("Demo:SeedHistory", defaultValue: true);

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
                poll.Seeded(null, null);
                return;
            }

            await using var scope = scopes.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<IQuickPollAdminApi>();
            var existing = await admin.ListPollsAsync(stoppingToken);
            var id = existing.FirstOrDefault(p => p.Definition.Target == DemoPoll.Target)?.Id
                ?? (await admin.CreatePollAsync(DemoPoll.Definition, stoppingToken)).Id;
            var modesId = existing.FirstOrDefault(p => p.Definition.Target == DemoPoll.ModesTarget)?.Id
                ?? (await admin.CreatePollAsync(DemoPoll.ModesDefinition, stoppingToken)).Id;
            poll.Seeded(id, modesId);
            if (seedHistory)
            {
                await DemoHistory.SeedAsync(admin, scope.ServiceProvider.GetRequiredService<IQuickPollApi>(), id, DateTimeOffset.UtcNow, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            poll.Seeded(null, null);
        }
        catch (Exception ex)
        {
            Log.SeedFailed(logger, ex);
            poll.Seeded(null, null);
        }
        finally
        {
            poll.Finished();
        }
    }

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "Demo: could not seed the quick polls or the two months of history.")]
        public static partial void SeedFailed(ILogger logger, Exception exception);
    }
}
