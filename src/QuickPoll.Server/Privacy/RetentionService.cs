using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Import;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Privacy;

/// <summary>
/// Deletes answers, poll votes and comments older than <see cref="QuickPollServerOptions.RetentionDays"/>, idempotency
/// receipts whose key has expired, and imports a crash cut short, at start-up and then every hour, in bounded batches through the write queue so
/// visitors' writes are never held up long.
/// </summary>
internal sealed partial class RetentionService(
    WriteQueue writes, IOptions<QuickPollServerOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The most rows of each kind one transaction deletes.</summary>
    internal int BatchSize { get; set; } = 500;

    /// <summary>Deletes everything past the retention period now; returns what it deleted (nothing when retention is off).</summary>
    public async Task<RemovedFeedback> SweepAsync(CancellationToken cancellationToken)
    {
        if (options.Value.RetentionDays is not { } days)
        {
            return default;
        }

        var cutoff = time.GetUtcNow() - TimeSpan.FromDays(days);
        var total = new RemovedFeedback();
        RemovedFeedback batch;
        do
        {
            batch = await writes.WriteAsync(new RemoveExpiredFeedback(cutoff, BatchSize), cancellationToken);
            total += batch;
        }
        while (batch.Answers == BatchSize || batch.PollVotes == BatchSize || batch.Comments == BatchSize);

        if (!total.IsEmpty)
        {
            LogSwept(total.Answers, total.PollVotes, total.Comments, days);
        }

        return total;
    }

    /// <summary>Deletes every idempotency receipt whose key has expired; returns how many.</summary>
    public async Task<int> SweepReceiptsAsync(CancellationToken cancellationToken)
    {
        var total = 0;
        int removed;
        do
        {
            removed = await writes.WriteAsync(new RemoveExpiredReceipts(BatchSize), cancellationToken);
            total += removed;
        }
        while (removed == BatchSize);

        return total;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up goes on while the first sweep runs.
        await Task.Yield();
        while (true)
        {
            try
            {
                await writes.WriteAsync(new RemoveAbandonedImports(time.GetUtcNow() - ImportFeedback.AbandonedAfter), stoppingToken);
                await SweepReceiptsAsync(stoppingToken);
                await SweepAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // A database that is down now may be back by the next sweep; the host keeps running either way.
                LogSweepFailed(ex);
            }

            try
            {
                await Task.Delay(Interval, time, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Answers} answers, {PollVotes} poll votes and {Comments} comments older than {Days} days.")]
    private partial void LogSwept(int answers, int pollVotes, int comments, int days);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting feedback past the retention period or expired idempotency keys failed; trying again in an hour.")]
    private partial void LogSweepFailed(Exception exception);
}
