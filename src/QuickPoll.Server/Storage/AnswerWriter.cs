using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Storage;

/// <summary>
/// The one place answers are written. Submissions queue up and a single writer commits them in groups:
/// one transaction (and one disk flush) per group, counters updated in the same transaction, and each
/// caller acknowledged only after its group is committed.
/// </summary>
internal sealed partial class AnswerWriter : IHostedService, IAsyncDisposable
{
    private readonly Channel<PendingAnswer> _queue = Channel.CreateUnbounded<PendingAnswer>(
        new UnboundedChannelOptions { SingleReader = true, AllowSynchronousContinuations = false });

    private readonly SqliteStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger<AnswerWriter> _logger;
    private readonly int _maxBatchSize;
    private Task? _loop;

    public AnswerWriter(SqliteStore store, IOptions<QuickPollServerOptions> options, TimeProvider time, ILogger<AnswerWriter> logger)
    {
        _store = store;
        _time = time;
        _logger = logger;
        _maxBatchSize = options.Value.MaxBatchSize;
    }

    /// <summary>Queues an answer and completes once it is committed.</summary>
    /// <param name="request">A validated answer.</param>
    /// <param name="idempotencyKey">The caller's key: a repeat returns the first receipt and stores nothing.</param>
    /// <param name="cancellationToken">Stops waiting; the answer may still be stored.</param>
    public Task<AnswerReceipt> SubmitAsync(SubmitAnswerRequest request, string? idempotencyKey, CancellationToken cancellationToken)
    {
        var pending = new PendingAnswer(request, idempotencyKey);
        if (!_queue.Writer.TryWrite(pending))
        {
            throw new InvalidOperationException("QuickPoll is shutting down and accepts no more answers.");
        }

        return pending.Completion.Task.WaitAsync(cancellationToken);
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        _store.EnsureMigrated();
        _loop = Task.Factory.StartNew(RunAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
        return Task.CompletedTask;
    }

    /// <summary>Stops taking answers and commits every queued one before returning.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        _queue.Writer.TryComplete();
        if (_loop is not null)
        {
            await _loop.WaitAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync() => await StopAsync(CancellationToken.None);

    private async Task RunAsync()
    {
        using var connection = _store.OpenConnection();
        using (var pragma = connection.CreateCommand())
        {
            // An acknowledged answer survives a power cut: every group commit is flushed to disk.
            pragma.CommandText = "PRAGMA synchronous=FULL;";
            pragma.ExecuteNonQuery();
        }

        using var statements = new Statements(connection);
        var batch = new List<PendingAnswer>(_maxBatchSize);
        var reader = _queue.Reader;

        while (await reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < _maxBatchSize && reader.TryRead(out var pending))
            {
                batch.Add(pending);
            }

            try
            {
                Commit(connection, statements, batch);
            }
            catch (Exception ex) when (ex is SqliteException or InvalidOperationException or IOException)
            {
                LogCommitFailed(ex, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Completion.TrySetException(ex);
                }

                continue;
            }

            foreach (var pending in batch)
            {
                pending.Completion.TrySetResult(pending.Receipt!);
            }
        }
    }

    private void Commit(SqliteConnection connection, Statements statements, List<PendingAnswer> batch)
    {
        var now = _time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        using var transaction = connection.BeginTransaction(deferred: false);
        statements.Enlist(transaction);

        var keysInBatch = new Dictionary<string, PendingAnswer>(StringComparer.Ordinal);
        var touched = new Dictionary<(string Target, FeedbackKind Kind), FeedbackSummary?>();
        var inserted = new List<(PendingAnswer Pending, long Id)>(batch.Count);

        foreach (var pending in batch)
        {
            if (pending.IdempotencyKey is { } key)
            {
                if (keysInBatch.TryGetValue(key, out var first))
                {
                    pending.DuplicateOf = first;
                    continue;
                }

                if (statements.FindReceipt(key) is { } stored)
                {
                    pending.Receipt = stored;
                    continue;
                }

                keysInBatch[key] = pending;
            }

            var request = pending.Request;
            long id;
            if (request.VisitorId is not null && statements.FindVisitorAnswer(request) is { } previous)
            {
                // A re-vote replaces the visitor's earlier answer: its counts move to the new score and context.
                id = previous.Id;
                statements.UpdateAnswer(id, request, now);
                statements.Count(previous.Request, -1);
            }
            else
            {
                id = statements.InsertAnswer(request, now);
            }

            statements.Count(request, +1);
            touched[(request.Target, request.Kind)] = null;
            inserted.Add((pending, id));
        }

        foreach (var key in touched.Keys.ToArray())
        {
            touched[key] = statements.ReadSummary(key.Target, key.Kind);
        }

        foreach (var (pending, id) in inserted)
        {
            pending.Receipt = new AnswerReceipt(id, touched[(pending.Request.Target, pending.Request.Kind)]!);
            if (pending.IdempotencyKey is { } key)
            {
                statements.SaveReceipt(key, pending.Receipt, now);
            }
        }

        transaction.Commit();

        foreach (var pending in batch)
        {
            pending.Receipt ??= pending.DuplicateOf!.Receipt;
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Committing {Count} answers failed; their callers get an error and nothing of the group is stored.")]
    private partial void LogCommitFailed(Exception exception, int count);

    /// <summary>An answer as it was counted: the fields its counters are keyed by.</summary>
    private sealed record StoredAnswer(string Target, FeedbackKind Kind, int Score, string? Segment, string? JourneyStage, string? Touchpoint, string? Locale);

    private sealed class PendingAnswer(SubmitAnswerRequest request, string? idempotencyKey)
    {
        public SubmitAnswerRequest Request { get; } = request;
        public string? IdempotencyKey { get; } = idempotencyKey;
        public TaskCompletionSource<AnswerReceipt> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public AnswerReceipt? Receipt { get; set; }
        public PendingAnswer? DuplicateOf { get; set; }
    }

    /// <summary>Prepared once per writer connection, reused for every answer.</summary>
    private sealed class Statements : IDisposable
    {
        private readonly SqliteCommand _insert;
        private readonly SqliteCommand _update;
        private readonly SqliteCommand _findVisitor;
        private readonly SqliteCommand _count;
        private readonly SqliteCommand _countContext;
        private readonly SqliteCommand _findReceipt;
        private readonly SqliteCommand _saveReceipt;
        private readonly SummaryQuery _summary;

        public Statements(SqliteConnection connection)
        {
            _insert = Prepare(connection, """
                INSERT INTO answers (target, kind, score, created_at, visitor_id, segment, journey_stage, touchpoint, locale, page_path)
                VALUES ($target, $kind, $score, $at, $visitor, $segment, $stage, $touchpoint, $locale, $path) RETURNING id;
                """, "$target", "$kind", "$score", "$at", "$visitor", "$segment", "$stage", "$touchpoint", "$locale", "$path");
            _update = Prepare(connection, """
                UPDATE answers SET score = $score, updated_at = $at, segment = $segment, journey_stage = $stage,
                    touchpoint = $touchpoint, locale = $locale, page_path = $path
                WHERE id = $id;
                """, "$id", "$score", "$at", "$segment", "$stage", "$touchpoint", "$locale", "$path");
            _findVisitor = Prepare(connection, """
                SELECT id, score, segment, journey_stage, touchpoint, locale FROM answers
                WHERE target = $target AND kind = $kind AND visitor_id = $visitor;
                """, "$target", "$kind", "$visitor");
            _count = Prepare(connection, """
                INSERT INTO summary_counts (target, kind, score, count) VALUES ($target, $kind, $score, $delta)
                ON CONFLICT (target, kind, score) DO UPDATE SET count = count + $delta;
                """, "$target", "$kind", "$score", "$delta");
            _countContext = Prepare(connection, """
                INSERT INTO context_counts (target, kind, dimension, value, score, count) VALUES ($target, $kind, $dimension, $value, $score, $delta)
                ON CONFLICT (target, kind, dimension, value, score) DO UPDATE SET count = count + $delta;
                """, "$target", "$kind", "$dimension", "$value", "$score", "$delta");
            _findReceipt = Prepare(connection, "SELECT receipt FROM idempotency_keys WHERE key = $key;", "$key");
            _saveReceipt = Prepare(connection, "INSERT INTO idempotency_keys (key, answer_id, receipt, created_at) VALUES ($key, $id, $receipt, $at);", "$key", "$id", "$receipt", "$at");
            _summary = new SummaryQuery(connection);
        }

        public void Enlist(SqliteTransaction transaction)
        {
            _insert.Transaction = _update.Transaction = _findVisitor.Transaction = _count.Transaction = _countContext.Transaction = transaction;
            _findReceipt.Transaction = _saveReceipt.Transaction = transaction;
            _summary.Enlist(transaction);
        }

        public long InsertAnswer(SubmitAnswerRequest r, string at)
        {
            Set(_insert, r.Target, FeedbackKindNames.Of(r.Kind), r.Score, at, Db(r.VisitorId), Db(r.Segment), Db(AnswerContext.StageName(r.JourneyStage)), Db(r.Touchpoint), Db(r.Locale), Db(r.PagePath));
            return (long)_insert.ExecuteScalar()!;
        }

        public void UpdateAnswer(long id, SubmitAnswerRequest r, string at)
        {
            Set(_update, id, r.Score, at, Db(r.Segment), Db(AnswerContext.StageName(r.JourneyStage)), Db(r.Touchpoint), Db(r.Locale), Db(r.PagePath));
            _update.ExecuteNonQuery();
        }

        /// <summary>The visitor's earlier answer to the same target and kind, as it was counted.</summary>
        public (long Id, StoredAnswer Request)? FindVisitorAnswer(SubmitAnswerRequest r)
        {
            Set(_findVisitor, r.Target, FeedbackKindNames.Of(r.Kind), r.VisitorId!);
            using var reader = _findVisitor.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return (reader.GetInt64(0), new StoredAnswer(r.Target, r.Kind, reader.GetInt32(1), Text(reader, 2), Text(reader, 3), Text(reader, 4), Text(reader, 5)));
        }

        public void Count(SubmitAnswerRequest r, int delta) =>
            Count(new StoredAnswer(r.Target, r.Kind, r.Score, r.Segment, AnswerContext.StageName(r.JourneyStage), r.Touchpoint, r.Locale), delta);

        /// <summary>Adds <paramref name="delta"/> to the overall counter and to each context counter of the answer.</summary>
        public void Count(StoredAnswer a, int delta)
        {
            var kind = FeedbackKindNames.Of(a.Kind);
            Set(_count, a.Target, kind, a.Score, delta);
            _count.ExecuteNonQuery();
            foreach (var (dimension, value) in AnswerContext.Of(a.Segment, a.JourneyStage, a.Touchpoint, a.Locale))
            {
                Set(_countContext, a.Target, kind, dimension, value, a.Score, delta);
                _countContext.ExecuteNonQuery();
            }
        }

        public AnswerReceipt? FindReceipt(string key)
        {
            Set(_findReceipt, key);
            return _findReceipt.ExecuteScalar() is string json
                ? JsonSerializer.Deserialize(json, QuickPollJsonContext.Default.AnswerReceipt)
                : null;
        }

        public void SaveReceipt(string key, AnswerReceipt receipt, string at)
        {
            Set(_saveReceipt, key, receipt.AnswerId, JsonSerializer.Serialize(receipt, QuickPollJsonContext.Default.AnswerReceipt), at);
            _saveReceipt.ExecuteNonQuery();
        }

        public FeedbackSummary ReadSummary(string target, FeedbackKind kind) => _summary.Read(target, kind);

        public void Dispose()
        {
            _insert.Dispose();
            _update.Dispose();
            _findVisitor.Dispose();
            _count.Dispose();
            _countContext.Dispose();
            _findReceipt.Dispose();
            _saveReceipt.Dispose();
            _summary.Dispose();
        }

        private static SqliteCommand Prepare(SqliteConnection connection, string sql, params string[] names)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            foreach (var name in names)
            {
                command.Parameters.Add(new SqliteParameter { ParameterName = name });
            }

            command.Prepare();
            return command;
        }

        private static object Db(string? value) => value ?? (object)DBNull.Value;

        private static string? Text(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

        private static void Set(SqliteCommand command, params object[] values)
        {
            for (var i = 0; i < values.Length; i++)
            {
                command.Parameters[i].Value = values[i];
            }
        }
    }
}
