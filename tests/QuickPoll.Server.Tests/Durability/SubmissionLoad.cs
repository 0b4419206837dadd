using System.Data.Common;
using System.Net.Http.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Durability;

/// <summary>One answer a load worker sent, with its own Idempotency-Key, and the receipt once acknowledged.</summary>
public sealed class LoadSubmission(int worker, int sequence, SubmitAnswerRequest request)
{
    public int Worker { get; } = worker;

    public int Sequence { get; } = sequence;

    public string Key { get; } = $"load-{worker:00}-{sequence:00000}-{Guid.NewGuid():N}";

    public SubmitAnswerRequest Request { get; } = request;

    public AnswerReceipt? Receipt { get; set; }
}

/// <summary>
/// Concurrent answers from many connections (mixed targets, kinds, contexts, anonymous and per-visitor), the retry
/// of every unacknowledged one, and the checks that nothing acknowledged was lost and nothing was counted twice.
/// Each worker sends its answers one after another and owns its visitor ids, so a visitor's final answer is known.
/// </summary>
public sealed class SubmissionLoad(int workers)
{
    private static readonly FeedbackKind[] s_kinds = [FeedbackKind.Stars, FeedbackKind.Nps, FeedbackKind.Thumbs];
    private static readonly string?[] s_segments = [null, "b2b", "returning"];
    private static readonly string?[] s_locales = [null, "pl", "en-GB"];
    private static readonly JourneyStage?[] s_stages = [null, JourneyStage.Discovery, JourneyStage.AfterPurchase];

    private readonly List<LoadSubmission>[] _sent = [.. Enumerable.Range(0, workers).Select(_ => new List<LoadSubmission>())];

    public IEnumerable<LoadSubmission> All => _sent.SelectMany(s => s);

    public int Acknowledged => All.Count(s => s.Receipt is not null);

    /// <summary>Responses other than 200 while the server was up (there must be none).</summary>
    public List<string> Refusals { get; } = [];

    /// <summary>Sends answers from every worker until <paramref name="stop"/> or until its server goes away.</summary>
    public async Task RunAsync(Uri address, CancellationToken stop)
    {
        using var client = NewClient(address, workers);
        await Task.WhenAll(Enumerable.Range(0, workers).Select(worker => Task.Run(async () =>
        {
            var random = new Random(worker);
            for (var sequence = 0; !stop.IsCancellationRequested; sequence++)
            {
                var submission = new LoadSubmission(worker, sequence, NextRequest(random, worker));
                _sent[worker].Add(submission);
                if (!await TrySendAsync(client, submission))
                {
                    return;
                }
            }
        })));
    }

    /// <summary>Sends every unacknowledged answer again, with its key, in each worker's order.</summary>
    public async Task RetryUnacknowledgedAsync(Uri address)
    {
        using var client = NewClient(address, workers);
        await Task.WhenAll(_sent.Select(sent => Task.Run(async () =>
        {
            foreach (var submission in sent.Where(s => s.Receipt is null).ToList())
            {
                Assert.True(await TrySendAsync(client, submission), $"The retry of {submission.Key} failed.");
            }
        })));
    }

    /// <summary>Every answer stored exactly once, every counter equal to a recount, every summary equal to the answers.</summary>
    public async Task VerifyAsync(TestDatabase database, Uri address)
    {
        var submissions = All.ToList();
        Assert.All(submissions, s => Assert.NotNull(s.Receipt));

        using var connection = Connect(database);
        await connection.OpenAsync();
        var keys = Rows(connection, "SELECT key, receipt FROM idempotency_receipts WHERE operation = 'answer';")
            .ToDictionary(
                r => (string)r[0]!,
                r => System.Text.Json.JsonSerializer.Deserialize((string)r[1]!, QuickPoll.Contracts.QuickPollJsonContext.Default.AnswerReceipt)!.AnswerId,
                StringComparer.Ordinal);
        var answers = Rows(connection, "SELECT id, target, kind, score, visitor_id, segment, journey_stage, touchpoint, locale FROM answers;")
            .Select(r => new StoredAnswer(
                Convert.ToInt64(r[0], System.Globalization.CultureInfo.InvariantCulture), (string)r[1]!, (string)r[2]!,
                Convert.ToInt32(r[3], System.Globalization.CultureInfo.InvariantCulture), r[4] as string, r[5] as string, r[6] as string, r[7] as string, r[8] as string))
            .ToList();
        var byId = answers.ToDictionary(a => a.Id);

        // Each key stored once, naming the answer its receipt named; no key the load did not send.
        Assert.Equal(submissions.Count, keys.Count);
        foreach (var submission in submissions)
        {
            Assert.True(keys.TryGetValue(submission.Key, out var stored), $"{submission.Key} has no stored key.");
            Assert.Equal(submission.Receipt!.AnswerId, stored);
        }

        // Anonymous answers: one row each, as sent.
        var anonymous = submissions.Where(s => s.Request.VisitorId is null).ToList();
        Assert.Equal(anonymous.Count, anonymous.Select(s => s.Receipt!.AnswerId).Distinct().Count());
        Assert.Equal(anonymous.Count, answers.Count(a => a.VisitorId is null));
        foreach (var submission in anonymous)
        {
            Assert.True(byId.TryGetValue(submission.Receipt!.AnswerId, out var row), $"{submission.Key} is not stored.");
            AssertStoredAs(submission.Request, row);
        }

        // A visitor's answers: one row per target and kind, holding the last answer sent, under one id.
        var visitors = submissions.Where(s => s.Request.VisitorId is not null)
            .GroupBy(s => (s.Request.Target, s.Request.Kind, s.Request.VisitorId))
            .ToList();
        Assert.Equal(visitors.Count, answers.Count(a => a.VisitorId is not null));
        foreach (var group in visitors)
        {
            var last = group.OrderBy(s => s.Sequence).Last();
            Assert.Single(group.Select(s => s.Receipt!.AnswerId).Distinct());
            AssertStoredAs(last.Request, byId[last.Receipt!.AnswerId]);
        }

        // Counters equal a recount of the answers table.
        var counted = Rows(connection, "SELECT target, kind, score, count FROM summary_counts WHERE count <> 0;")
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}").Order(StringComparer.Ordinal);
        var recounted = answers.GroupBy(a => (a.Target, a.Kind, a.Score)).Select(g => $"{g.Key.Target}|{g.Key.Kind}|{g.Key.Score}|{g.Count()}").Order(StringComparer.Ordinal);
        Assert.Equal(recounted, counted);

        var contextCounted = Rows(connection, "SELECT target, kind, dimension, value, score, count FROM context_counts WHERE count <> 0;")
            .Select(r => $"{r[0]}|{r[1]}|{r[2]}|{r[3]}|{r[4]}|{r[5]}").Order(StringComparer.Ordinal);
        var contextRecounted = answers
            .SelectMany(a => new[] { ("segment", a.Segment), ("journeyStage", a.Stage), ("touchpoint", a.Touchpoint), ("locale", a.Locale) }
                .Where(d => d.Item2 is not null)
                .Select(d => (a.Target, a.Kind, Dimension: d.Item1, Value: d.Item2!, a.Score)))
            .GroupBy(x => x)
            .Select(g => $"{g.Key.Target}|{g.Key.Kind}|{g.Key.Dimension}|{g.Key.Value}|{g.Key.Score}|{g.Count()}")
            .Order(StringComparer.Ordinal);
        Assert.Equal(contextRecounted, contextCounted);

        // Summaries served over HTTP equal the answers.
        using var client = NewClient(address, 4);
        foreach (var (target, kind) in submissions.Select(s => (s.Request.Target, s.Request.Kind)).Distinct())
        {
            var summary = await client.GetFromJsonAsync(
                new Uri($"api/v1/summaries?target={target}&kind={FeedbackKindNames.Of(kind)}", UriKind.Relative), QuickPollJsonContext.Default.FeedbackSummary);
            var scale = FeedbackLimits.ScaleOf(kind);
            var rows = answers.Where(a => a.Target == target && a.Kind == FeedbackKindNames.Of(kind)).ToList();
            Assert.Equal(rows.Count, summary!.Count);
            Assert.Equal(Enumerable.Range(scale.Min, scale.Length).Select(score => (long)rows.Count(a => a.Score == score)), summary.Distribution);
        }
    }

    private sealed record StoredAnswer(long Id, string Target, string Kind, int Score, string? VisitorId, string? Segment, string? Stage, string? Touchpoint, string? Locale);

    private static void AssertStoredAs(SubmitAnswerRequest request, StoredAnswer row)
    {
        Assert.Equal(request.Target, row.Target);
        Assert.Equal(FeedbackKindNames.Of(request.Kind), row.Kind);
        Assert.Equal(request.Score, row.Score);
        Assert.Equal(request.Segment, row.Segment);
        Assert.Equal(request.Locale, row.Locale);
    }

    private static SubmitAnswerRequest NextRequest(Random random, int worker)
    {
        var kind = s_kinds[random.Next(s_kinds.Length)];
        var scale = FeedbackLimits.ScaleOf(kind);
        return new SubmitAnswerRequest($"sku-{random.Next(5)}", random.Next(scale.Min, scale.Max + 1))
        {
            Kind = kind,
            // Half anonymous; the rest from a few visitors this worker owns, who change their minds.
            VisitorId = random.Next(2) == 0 ? null : $"visitor-{worker:00}-{random.Next(3)}",
            Segment = s_segments[random.Next(s_segments.Length)],
            Locale = s_locales[random.Next(s_locales.Length)],
            JourneyStage = s_stages[random.Next(s_stages.Length)],
            Touchpoint = random.Next(4) == 0 ? "product-page" : null,
        };
    }

    /// <returns>Whether the server answered; false when the connection failed (the server is gone).</returns>
    private async Task<bool> TrySendAsync(HttpClient client, LoadSubmission submission)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, new Uri("api/v1/answers", UriKind.Relative))
        {
            Content = JsonContent.Create(submission.Request, QuickPollJsonContext.Default.SubmitAnswerRequest),
        };
        message.Headers.Add("Idempotency-Key", submission.Key);
        try
        {
            using var response = await client.SendAsync(message);
            if (!response.IsSuccessStatusCode)
            {
                var refusal = $"{submission.Key}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
                lock (Refusals)
                {
                    Refusals.Add(refusal);
                }

                return false;
            }

            submission.Receipt = await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.AnswerReceipt);
            return true;
        }
        catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
        {
            return false;
        }
    }

    private static HttpClient NewClient(Uri address, int connections) =>
        new(new SocketsHttpHandler { MaxConnectionsPerServer = connections, PooledConnectionLifetime = TimeSpan.FromMinutes(1) })
        {
            BaseAddress = address,
            Timeout = TimeSpan.FromSeconds(30),
        };

    private static DbConnection Connect(TestDatabase database) => database.Provider == QuickPollStorageProvider.PostgreSql
        ? new NpgsqlConnection(database.ConnectionString)
        : new SqliteConnection(database.ConnectionString);

    private static List<object?[]> Rows(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<object?[]>();
        while (reader.Read())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}
