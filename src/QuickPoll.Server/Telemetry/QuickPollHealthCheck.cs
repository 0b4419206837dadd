using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Telemetry;

/// <summary>Healthy while the database answers a query, the single writer runs, and no write has waited longer than its threshold.</summary>
internal sealed class QuickPollHealthCheck(Database database, WriteQueue writes, TimeProvider time, TimeSpan maxWriteWait) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!writes.IsAlive)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The writer has stopped: no answer can be stored.");
        }

        if (writes.OldestWaitingSince is { } since && time.GetElapsedTime(since) is var waited && waited > maxWriteWait)
        {
            return new HealthCheckResult(
                context.Registration.FailureStatus,
                $"A write has waited {waited.TotalSeconds:0} s for the writer (more than {maxWriteWait.TotalSeconds:0} s).");
        }

        try
        {
            // Off the caller's thread: a connection attempt to an unreachable server blocks until its timeout.
            await Task.Run(() => database.Read(query =>
            {
                // A table, not a constant: the query must reach the stored data.
                using var reader = query("SELECT 1 FROM summary_counts LIMIT 1;");
                _ = reader.Read();
                return true;
            }), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, "The database cannot be reached.", ex);
        }

        return HealthCheckResult.Healthy();
    }
}
