using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Import;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Privacy;

/// <summary>
/// Deletes used order tokens once they have expired, idempotency receipts whose key has expired, imports a crash cut
/// short and, with <see cref="QuickPollServerOptions.RetentionDays"/> set, answers, poll votes and comments older than
/// that, at start-up and then every hour, in bounded batches through the write queue so visitors' writes are never held
/// up long.
/// </summary>
internal sealed partial class RetentionService(
    WriteQueue writes, Database database, IOptions<QuickPollServerOptions> options, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    /// <summary>The most rows of each kind one transaction deletes.</summary>
    internal int BatchSize { get; set; } = 500;

    /// <summary>Hashes order ids stored before they were hashed, before requests are served.</summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        if (Any("SELECT 1 FROM used_order_tokens WHERE expires_at IS NULL LIMIT 1;"))
        {
            await writes.WriteAsync(new RehashLegacyOrderTokens(options.Value.OrderTokenSecret), cancellationToken);
        }
        await base.StartAsync(cancellationToken);
    }

    /// <summary>Deletes expired used order tokens now; returns how many.</summary>
    public async Task<int> SweepOrderTokensAsync(CancellationToken cancellationToken)
    {
        // A minute's margin: a token is accepted up to its expiry's whole second, and instances' clocks differ a little.
        var cutoff = time.GetUtcNow() - TimeSpan.FromMinutes(1);
        var total = 0;
        int batch;
        if (!Any("SELECT 1 FROM used_order_tokens WHERE expires_at < @before LIMIT 1;", ("@before", WriteBatch.Stamp(cutoff))))
        {
            return 0;
        }

        do
        {
            batch = await writes.WriteAsync(new RemoveExpiredOrderTokens(cutoff, BatchSize), cancellationToken);
            total += batch;
        }
        while (batch == BatchSize);

        if (total > 0)
        {
            LogTokensSwept(total);
        }

        return total;
    }

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
        if (!Any("SELECT 1 FROM idempotency_receipts WHERE expires_at <= @now LIMIT 1;", ("@now", WriteBatch.Stamp(time.GetUtcNow()))))
        {
            return 0;
        }

        do
        {
            removed = await writes.WriteAsync(new RemoveExpiredReceipts(BatchSize), cancellationToken);
            total += removed;
        }
        while (removed == BatchSize);

        return total;
    }

    // A read first: the writer is not woken, nor a group spent, when there is nothing to sweep.
    private bool Any(string sql, params (string Name, object? Value)[] parameters) => database.Read(query =>
    {
        using var reader = query(sql, parameters);
        return reader.Read();
    });

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Start-up goes on while the first sweep runs.
        await Task.Yield();
        while (true)
        {
            try
            {
                var abandonedBefore = time.GetUtcNow() - ImportFeedback.AbandonedAfter;
                if (Any("SELECT 1 FROM imports WHERE status = 'running' AND created_at < @before LIMIT 1;", ("@before", WriteBatch.Stamp(abandonedBefore))))
                {
                    await writes.WriteAsync(new RemoveAbandonedImports(abandonedBefore), stoppingToken);
                }

                await SweepReceiptsAsync(stoppingToken);
                await SweepOrderTokensAsync(stoppingToken);
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

    [LoggerMessage(Level = LogLevel.Information, Message = "Deleted {Tokens} used order tokens past their expiry.")]
    private partial void LogTokensSwept(int tokens);

    [LoggerMessage(Level = LogLevel.Error, Message = "Deleting expired order tokens, idempotency keys, abandoned imports or feedback past the retention period failed; trying again in an hour.")]
    private partial void LogSweepFailed(Exception exception);
}
