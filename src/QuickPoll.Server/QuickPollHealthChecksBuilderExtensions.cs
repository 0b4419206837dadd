using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Telemetry;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers QuickPoll's health check.</summary>
public static class QuickPollHealthChecksBuilderExtensions
{
    /// <summary>The longest a write may wait for the writer before the check reports it: 10 seconds.</summary>
    public static readonly TimeSpan DefaultMaxWriteWait = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Adds a check that QuickPoll can store answers: its database answers a query, and its single writer runs with no
    /// write waiting longer than <paramref name="maxWriteWait"/>. Requires <c>AddQuickPollServer()</c>; map it with
    /// <c>app.MapHealthChecks("/health")</c>.
    /// </summary>
    /// <param name="builder">The health checks builder from <c>AddHealthChecks()</c>.</param>
    /// <param name="maxWriteWait">The longest a queued write may wait; <see cref="DefaultMaxWriteWait"/> when not given.</param>
    /// <param name="name">The check's name in reports.</param>
    /// <param name="failureStatus">What a failed check reports; <see cref="HealthStatus.Unhealthy"/> when not given.</param>
    /// <param name="tags">Tags to filter checks by, as <c>MapHealthChecks</c>' predicate does.</param>
    /// <returns>The builder, for chaining.</returns>
    public static IHealthChecksBuilder AddQuickPoll(
        this IHealthChecksBuilder builder, TimeSpan? maxWriteWait = null, string name = "quickpoll", HealthStatus? failureStatus = null, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var wait = maxWriteWait ?? DefaultMaxWriteWait;
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(wait, TimeSpan.Zero, nameof(maxWriteWait));
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new QuickPollHealthCheck(sp.GetRequiredService<Database>(), sp.GetRequiredService<WriteQueue>(), sp.GetRequiredService<TimeProvider>(), wait),
            failureStatus,
            tags));
    }
}
