using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Concurrency;

/// <summary>One public write as the model sees it: what was sent, where it must land, and what the answer must be.</summary>
internal sealed record Submission(
    int Step, string Table, string Url, string PagePath, object Spec, string? Key, int Site, int Expected, VisitorPool Pool, string? VisitorId)
{
    /// <summary>Erase-and-replay visitors have a pool of their own: their last write must be stored.</summary>
    public bool Replayed { get; init; }

    public string? Target => Spec switch { AnswerSpec a => ModelGen.Targets[a.Target], CommentSpec c => ModelGen.Targets[c.Target], _ => null };

    public override string ToString() => $"step {Step}: {Spec} key={Key ?? "-"} site={Site} page={PagePath}";
}

internal sealed record Outcome(Submission Sent, int Status, string Text, TimeSpan Elapsed, int? Burst, long Order)
{
    public bool Acknowledged => Status is >= 200 and < 300;

    public long? StoredId
    {
        get
        {
            if (!Acknowledged || Sent.Table == "poll_votes")
            {
                return null;
            }

            var json = JsonNode.Parse(Text)!;
            return (json["answerId"] ?? json["commentId"])?.GetValue<long>();
        }
    }
}

/// <summary>
/// Runs a generated list of steps concurrently against the endpoint over HTTP, keeps every request and answer, then checks
/// what must be true whatever the interleaving: acknowledged writes stored exactly once, refused ones not at all,
/// duplicates answered alike, counters equal to a recount, no request hung, and the writer still writing.
/// </summary>
internal sealed class ModelRun(ModelHost host, IReadOnlyList<Step> steps)
{
    private const int Parallelism = 16;
    private const int Hung = -1;

    private readonly ConcurrentBag<Outcome> _outcomes = [];
    private readonly ConcurrentBag<(string PagePath, bool Stored)> _imported = [];
    private readonly ConcurrentQueue<(string Kind, string Text)> _violations = [];
    private readonly CancellationTokenSource _abort = new();
    private int _burst;
    private long _order;

    public async Task<IReadOnlyList<(string Kind, string Text)>> RunAsync()
    {
        var clock = Stopwatch.StartNew();
        try
        {
            await Parallel.ForEachAsync(
                steps.Select((step, index) => (step, index)),
                new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = _abort.Token },
                async (item, _) => await RunStepAsync(item.step, item.index));
        }
        catch (OperationCanceledException) when (_abort.IsCancellationRequested)
        {
            Violate("hang", "The run stopped early: a request hung, so later steps were not sent.");
        }

        await CheckAsync();
        _abort.Dispose();
        var slowest = _outcomes.IsEmpty ? TimeSpan.Zero : _outcomes.Max(o => o.Elapsed);
        Summary = $"{steps.Count} steps, {_outcomes.Count} writes in {clock.Elapsed.TotalSeconds:0.0} s, slowest {slowest.TotalMilliseconds:0} ms";
        return [.. _violations];
    }

    public string Summary { get; private set; } = "";

    private async Task RunStepAsync(Step step, int index)
    {
        switch (step)
        {
            case OneWrite single:
                await SendAsync(Submit(index, 0, single.Spec, single.Keyed ? Key(index) : null, single.Site), burst: null);
                break;
            case Erase erase:
                await EraseAsync(new VisitorRef(VisitorPool.Erasable, erase.Visitor).Id!);
                break;
            case Import import:
                await ImportAsync(index, import);
                break;
            case SameBody same:
                var copy = Submit(index, 0, same.Spec, Key(index), site: 0);
                await BurstAsync(copy, same.Copies);
                break;
            case AnotherBody another:
                await SendAsync(Submit(index, 0, another.First, Key(index), site: 0), burst: null);
                await SendAsync(Submit(index, 1, another.Second, Key(index), site: 0) with { Expected = 422 }, burst: null);
                break;
            case RefusedThenFree refused:
                var unknown = new VoteSpec(PollRef.Unknown, refused.Open.Choices, refused.Open.Visitor);
                await BurstAsync(Submit(index, 0, unknown, Key(index), site: 0), refused.Copies);
                await SendAsync(Submit(index, 1, refused.Open, Key(index), site: 0), burst: null);
                break;
            case AnotherKind kind:
                await Task.WhenAll(
                    SendAsync(Submit(index, 0, kind.Answer, Key(index), site: 0), burst: null),
                    SendAsync(Submit(index, 1, kind.Vote, Key(index), site: 0), burst: null));
                break;
            case AnotherSite sites:
                await Task.WhenAll(
                    SendAsync(Submit(index, 0, sites.NoSite, Key(index), site: 0), burst: null),
                    SendAsync(Submit(index, 1, sites.SiteA, Key(index), site: 1), burst: null),
                    SendAsync(Submit(index, 2, sites.SiteB, Key(index), site: 2), burst: null));
                break;
            case EraseReplay replay:
                var visitor = $"replayed-visitor-{index}";
                var answer = Submit(index, 0, replay.Answer with { Visitor = VisitorRef.None }, Key(index), site: 0) with
                {
                    VisitorId = visitor, Pool = VisitorPool.Erasable, Replayed = true,
                };
                await SendAsync(answer, burst: null);
                await EraseAsync(visitor);
                await SendAsync(answer, burst: null);
                break;
        }
    }

    private static string Key(int step) => $"model-key-{step:00000}";

    private Submission Submit(int step, int part, object spec, string? key, int site)
    {
        var pagePath = $"/model/{step}/{part}";
        return spec switch
        {
            AnswerSpec a => new(step, "answers", "/api/v1/answers", pagePath, spec, key, site, 200, a.Visitor.Pool, a.Visitor.Id),
            VoteSpec v => new(step, "poll_votes", $"/api/v1/polls/{host.Polls[v.Poll]}/votes", pagePath, spec, key, site,
                v.Poll switch { PollRef.Closed => 409, PollRef.Unknown => 404, _ => 200 }, v.Visitor.Pool, v.Visitor.Id),
            CommentSpec c => new(step, "comments", "/api/v1/comments", pagePath, spec, key, site, 200, c.Visitor.Pool, c.Visitor.Id),
            _ => throw new ArgumentOutOfRangeException(nameof(spec)),
        };
    }

    private async Task BurstAsync(Submission submission, int copies)
    {
        var burst = Interlocked.Increment(ref _burst);
        var body = await BodyAsync(submission);
        await Task.WhenAll(Enumerable.Range(0, copies).Select(_ => Task.Run(() => PostAsync(submission, body, burst))));
    }

    private async Task SendAsync(Submission submission, int? burst) => await PostAsync(submission, await BodyAsync(submission), burst);

    private async Task<string> BodyAsync(Submission s)
    {
        var context = (VisitorId: s.VisitorId, PagePath: s.PagePath);
        switch (s.Spec)
        {
            case AnswerSpec a:
                return JsonSerializer.Serialize(
                    new SubmitAnswerRequest(ModelGen.Targets[a.Target], a.Score)
                    {
                        Kind = a.Kind, VisitorId = context.VisitorId, PagePath = context.PagePath,
                        Segment = a.Segment < ModelGen.Segments.Length ? ModelGen.Segments[a.Segment] : null,
                    },
                    QuickPollJsonContext.Default.SubmitAnswerRequest);
            case VoteSpec v:
                return JsonSerializer.Serialize(
                    new PollVoteRequest(v.Choices) { VisitorId = context.VisitorId, PagePath = context.PagePath },
                    QuickPollJsonContext.Default.PollVoteRequest);
            default:
                var c = (CommentSpec)s.Spec;
                var target = ModelGen.Targets[c.Target];

                // One form token per comment, fetched for its target (duplicates of one request share it, as a retry would).
                var token = await FormTokenAsync(target, s.Site);
                return JsonSerializer.Serialize(
                    new SubmitCommentRequest(target, ModelGen.Texts[c.Text])
                    {
                        Rating = c.Rating, VisitorId = context.VisitorId, PagePath = context.PagePath, FormToken = token,
                    },
                    QuickPollJsonContext.Default.SubmitCommentRequest);
        }
    }

    private async Task<string?> FormTokenAsync(string target, int site)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v1/comments/form?target={Uri.EscapeDataString(target)}");
        if (host.SiteKeys[site] is { } siteKey)
        {
            request.Headers.Add("X-QuickPoll-Site", siteKey);
        }

        try
        {
            using var response = await host.Client.SendAsync(request);
            return response.IsSuccessStatusCode ? (await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.CommentForm))?.FormToken : null;
        }
        catch (TaskCanceledException)
        {
            Hang($"GET {request.RequestUri}");
            return null;
        }
    }

    private async Task PostAsync(Submission s, string body, int? burst)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, s.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (s.Key is not null)
        {
            request.Headers.Add("Idempotency-Key", s.Key);
        }

        if (host.SiteKeys[s.Site] is { } siteKey)
        {
            request.Headers.Add("X-QuickPoll-Site", siteKey);
        }

        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await host.Client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            _outcomes.Add(new Outcome(s, (int)response.StatusCode, text, clock.Elapsed, burst, Interlocked.Increment(ref _order)));
        }
        catch (TaskCanceledException)
        {
            _outcomes.Add(new Outcome(s, Hung, "", clock.Elapsed, burst, Interlocked.Increment(ref _order)));
            Hang(s.ToString());
        }
    }

    private async Task EraseAsync(string visitorId)
    {
        try
        {
            using var response = await host.Admin.DeleteAsync($"/api/v1/admin/visitors/{visitorId}");
            if (!response.IsSuccessStatusCode)
            {
                Violate("admin write refused", $"Erasing {visitorId} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }
        }
        catch (TaskCanceledException)
        {
            Hang($"erase {visitorId}");
        }
    }

    private async Task ImportAsync(int step, Import import)
    {
        var at = DateTimeOffset.UtcNow.AddDays(-3);
        var target = ModelGen.Targets[import.Target];
        var answers = Enumerable.Range(0, import.Answers)
            .Select(i => new ImportedAnswer(target, (FeedbackKind)(i % 5), ModelGen.Scale((FeedbackKind)(i % 5)).Max, at) { PagePath = $"/model/{step}/import-{i}" })
            .ToList();
        var comments = Enumerable.Range(0, import.Comments)
            .Select(i => new ImportedComment(target, $"Imported comment {i}.", at) { PagePath = $"/model/{step}/import-comment-{i}" })
            .ToList();
        try
        {
            using var response = await host.Admin.PostAsJsonAsync(
                "/api/v1/admin/import", new FeedbackImport { Answers = answers, Comments = comments }, QuickPollJsonContext.Default.FeedbackImport);
            var stored = response.IsSuccessStatusCode;
            if (!stored)
            {
                Violate("admin write refused", $"Step {step}: a valid import answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
            }

            foreach (var path in answers.Select(a => a.PagePath!).Concat(comments.Select(c => c.PagePath!)))
            {
                _imported.Add((path, stored));
            }
        }
        catch (TaskCanceledException)
        {
            Hang($"step {step}: import");
        }
    }

    private void Violate(string kind, string text) => _violations.Enqueue((kind, text));

    private void Hang(string what)
    {
        Violate("hang", $"No answer within {ModelHost.RequestTimeout.TotalSeconds:0} s: {what}.");
        _abort.Cancel();
    }

    private async Task CheckAsync()
    {
        var outcomes = _outcomes.OrderBy(o => o.Order).ToList();
        CheckAnswers(outcomes);
        CheckBursts(outcomes);

        var database = host.Services.GetRequiredService<Database>();
        var rows = new Dictionary<string, List<Row>>
        {
            ["answers"] = Rows(database, "SELECT id, target, kind, visitor_id, page_path FROM answers;"),
            ["poll_votes"] = Rows(database, "SELECT id, poll_id, '', visitor_id, page_path FROM poll_votes;"),
            ["comments"] = Rows(database, "SELECT id, target, '', visitor_id, page_path FROM comments;"),
        };
        CheckStored(outcomes, rows);
        CheckRevotes(outcomes, rows);

        try
        {
            CounterRecount.AssertCountersMatchTables(database);
        }
        catch (Exception ex) when (ex is Xunit.Sdk.XunitException)
        {
            Violate("counters differ from a recount", $"Counters differ from a recount of the rows: {ex.Message}");
        }

        await CheckSummariesAsync(rows);
        await CheckWriterStillWritesAsync();
    }

    // Each answer is its request's own: the status the model expects, and a receipt about its own target and poll.
    private void CheckAnswers(List<Outcome> outcomes)
    {
        foreach (var o in outcomes.Where(o => o.Status != Hung))
        {
            if (o.Status != o.Sent.Expected)
            {
                Violate("unexpected status", $"{o.Sent} answered {o.Status}, expected {o.Sent.Expected}: {Shorten(o.Text)}");
                continue;
            }

            if (o.Status == 422 && !o.Text.Contains("Idempotency-Key", StringComparison.OrdinalIgnoreCase))
            {
                Violate("422 without naming Idempotency-Key", $"{o.Sent} was refused with 422 without naming Idempotency-Key: {Shorten(o.Text)}");
            }

            if (!o.Acknowledged)
            {
                continue;
            }

            var json = JsonNode.Parse(o.Text)!;
            switch (o.Sent.Spec)
            {
                case AnswerSpec a when Text(json["summary"]?["target"]) != ModelGen.Targets[a.Target]
                    || Text(json["summary"]?["kind"]) != FeedbackKindNames.Of(a.Kind):
                    Violate("receipt of another request", $"{o.Sent} got a receipt for another request: {Shorten(o.Text)}");
                    break;
                case VoteSpec v when Text(json["pollId"]) != host.Polls[v.Poll]:
                    Violate("receipt of another request", $"{o.Sent} got another poll's results: {Shorten(o.Text)}");
                    break;
            }
        }
    }

    // Copies of one request in flight at once all get the first's outcome: the same status and the same body.
    private void CheckBursts(List<Outcome> outcomes)
    {
        foreach (var burst in outcomes.Where(o => o.Burst is not null && o.Status != Hung).GroupBy(o => o.Burst))
        {
            var first = burst.First();
            foreach (var other in burst.Skip(1))
            {
                if (other.Status != first.Status
                    || (first.Acknowledged && !JsonNode.DeepEquals(JsonNode.Parse(first.Text), JsonNode.Parse(other.Text))))
                {
                    Violate("duplicates in flight answered differently",
                        $"Duplicates in flight got different outcomes: {first.Sent} answered {first.Status} {Shorten(first.Text)} " +
                        $"and {other.Status} {Shorten(other.Text)}");
                    break;
                }
            }
        }
    }

    private void CheckStored(List<Outcome> outcomes, Dictionary<string, List<Row>> rows)
    {
        // Every row was sent by an acknowledged write: nothing refused, and nothing of another request, was kept.
        var acknowledged = outcomes.Where(o => o.Acknowledged).Select(o => o.Sent.PagePath)
            .Concat(_imported.Where(i => i.Stored).Select(i => i.PagePath))
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (table, tableRows) in rows)
        {
            foreach (var row in tableRows.Where(r => r.PagePath is null || !acknowledged.Contains(r.PagePath)))
            {
                var sent = outcomes.Where(o => o.Sent.PagePath == row.PagePath).Select(o => $"{o.Status}").Distinct();
                Violate("stored without an acknowledgement", $"{table} row {row.Id} ({row.PagePath}) was stored though no write that sent it was acknowledged (answers: {string.Join(", ", sent)}).");
            }
        }

        foreach (var path in _imported.Where(i => i.Stored).Select(i => i.PagePath))
        {
            var count = rows["answers"].Concat(rows["comments"]).Count(r => r.PagePath == path);
            if (count != 1)
            {
                Violate("import stored other than once", $"The imported item {path} is stored {count} times, expected once.");
            }
        }

        // An acknowledged write without a visitor id (or a comment) is one row of its own, the row its receipt names.
        foreach (var sent in outcomes.Where(o => o.Acknowledged).GroupBy(o => o.Sent.PagePath))
        {
            var s = sent.First().Sent;
            var stored = rows[s.Table].Where(r => r.PagePath == s.PagePath).ToList();
            var ids = sent.Select(o => o.StoredId).Distinct().ToList();
            if (s.Replayed)
            {
                var last = sent.Last();
                if (stored.Count != 1 || stored[0].Id != last.StoredId)
                {
                    Violate("erased receipt replayed",
                        $"{s} was answered {last.Status} with id {last.StoredId} after its visitor was erased and it was sent again, " +
                        $"but the rows with its page are [{string.Join(", ", stored.Select(r => r.Id))}]: the erased receipt was replayed.");
                }
            }
            else if (s.Pool == VisitorPool.None || s.Table == "comments")
            {
                if (s.Pool == VisitorPool.Erasable && stored.Count == 0)
                {
                    continue;
                }

                if (stored.Count != 1)
                {
                    Violate("acknowledged write stored other than once", $"{s} was acknowledged {sent.Count()} times but is stored {stored.Count} times, expected once.");
                }
                else if (s.Table != "poll_votes" && (ids.Count != 1 || ids[0] != stored[0].Id))
                {
                    Violate("receipt names another row", $"{s} got receipts for ids [{string.Join(", ", ids)}] but is stored as row {stored[0].Id}.");
                }
            }
            else if (s.Pool == VisitorPool.Erasable && stored.Count == 1 && s.Table == "answers" && !ids.Contains(stored[0].Id))
            {
                Violate("receipt names another row", $"{s} is stored as row {stored[0].Id}, which none of its receipts [{string.Join(", ", ids)}] names.");
            }
        }
    }

    // A visitor who is never erased has exactly one answer per target and scale (one vote per poll): one of the
    // acknowledged ones, under the one id every receipt of theirs named.
    private void CheckRevotes(List<Outcome> outcomes, Dictionary<string, List<Row>> rows)
    {
        var steady = outcomes.Where(o => o.Sent.Pool == VisitorPool.Steady && o.Sent.Table != "comments" && o.Status != Hung)
            .GroupBy(o => (o.Sent.Table, Group: o.Sent.Spec switch
            {
                AnswerSpec a => $"{ModelGen.Targets[a.Target]}|{FeedbackKindNames.Of(a.Kind)}",
                VoteSpec v => host.Polls[v.Poll],
                _ => "",
            }, o.Sent.VisitorId));
        foreach (var group in steady)
        {
            var acknowledged = group.Where(o => o.Acknowledged).ToList();
            var stored = rows[group.Key.Table].Where(r => r.Group == group.Key.Group && r.VisitorId == group.Key.VisitorId).ToList();
            var what = $"{group.Key.Table} of {group.Key.VisitorId} on {group.Key.Group}";
            if (acknowledged.Count == 0)
            {
                if (stored.Count != 0)
                {
                    Violate("refused re-votes stored", $"The {what} were all refused, yet {stored.Count} rows are stored.");
                }

                continue;
            }

            if (stored.Count != 1)
            {
                Violate("re-votes stored other than once", $"The {what} ({acknowledged.Count} acknowledged) are stored as {stored.Count} rows, expected one.");
                continue;
            }

            if (!acknowledged.Any(o => o.Sent.PagePath == stored[0].PagePath))
            {
                Violate("re-vote row from no acknowledged write", $"The {what} row holds {stored[0].PagePath}, which no acknowledged write sent.");
            }

            var ids = acknowledged.Select(o => o.StoredId).Distinct().ToList();
            if (group.Key.Table == "answers" && (ids.Count != 1 || ids[0] != stored[0].Id))
            {
                Violate("receipt names another row", $"The {what} receipts name ids [{string.Join(", ", ids)}], but the row is {stored[0].Id}.");
            }
        }
    }

    // What visitors read agrees with the rows, wherever it is read from.
    private async Task CheckSummariesAsync(Dictionary<string, List<Row>> rows)
    {
        try
        {
            foreach (var target in ModelGen.Targets)
            {
                foreach (var kind in Enum.GetValues<FeedbackKind>())
                {
                    var name = FeedbackKindNames.Of(kind);
                    var summary = await host.Client.GetFromJsonAsync($"/api/v1/summaries?target={target}&kind={name}", QuickPollJsonContext.Default.FeedbackSummary);
                    var count = rows["answers"].Count(r => r.Group == $"{target}|{name}");
                    if (summary!.Count != count)
                    {
                        Violate("summary differs from rows", $"The summary of {target} {name} counts {summary.Count}, but {count} answers are stored.");
                    }
                }
            }

            foreach (var poll in new[] { PollRef.OpenSingle, PollRef.OpenMultiple })
            {
                var results = await host.Client.GetFromJsonAsync($"/api/v1/polls/{host.Polls[poll]}/results", QuickPollJsonContext.Default.PollResults);
                var voters = rows["poll_votes"].Count(r => r.Group == host.Polls[poll]);
                if (results!.Voters != voters)
                {
                    Violate("summary differs from rows", $"The {poll} poll's results count {results.Voters} voters, but {voters} votes are stored.");
                }
            }
        }
        catch (TaskCanceledException)
        {
            Violate("hang", "Reading the summaries after the run took longer than the request timeout.");
        }
        catch (HttpRequestException ex)
        {
            Violate("summary differs from rows", $"Reading the summaries after the run failed: {ex.Message}");
        }
    }

    // Whatever happened, one more answer is stored at once.
    private async Task CheckWriterStillWritesAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        try
        {
            using var response = await host.Client.PostAsJsonAsync(
                "/api/v1/answers", new SubmitAnswerRequest("after-the-run", 5) { PagePath = "/model/after" }, QuickPollJsonContext.Default.SubmitAnswerRequest, timeout.Token);
            if (!response.IsSuccessStatusCode)
            {
                Violate("writer stopped", $"After the run, one more answer was refused with {(int)response.StatusCode}: {Shorten(await response.Content.ReadAsStringAsync())}");
            }
        }
        catch (OperationCanceledException)
        {
            Violate("writer stopped", "After the run, one more answer got no answer within 5 s: the writer has stopped.");
        }
    }

    private sealed record Row(long Id, string? Group, string? VisitorId, string? PagePath);

    private static List<Row> Rows(Database database, string sql) => database.Read(query =>
    {
        var rows = new List<Row>();
        using var reader = query(sql);
        while (reader.Read())
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), CultureInfo.InvariantCulture);
            var kind = Text(2);
            rows.Add(new Row(reader.GetInt64(0), string.IsNullOrEmpty(kind) ? Text(1) : $"{Text(1)}|{kind}", Text(3), Text(4)));
        }

        return rows;
    });

    private static string? Text(JsonNode? node) => node?.GetValue<string>();

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
