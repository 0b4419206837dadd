using System.Diagnostics.Metrics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Alerts;

namespace QuickPoll.Server.Tests.Telemetry;

public sealed class SqliteMetricsTests() : MetricsTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlMetricsTests() : MetricsTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// The <c>QuickPoll.Server</c> meter, as an exporter that calls <c>AddMeter("QuickPoll.Server")</c> sees it: collected here
/// through the host's <see cref="IMeterFactory"/>.
/// </summary>
public abstract class MetricsTests(QuickPollStorageProvider provider) : IAsyncLifetime
{
    private const string Meter = "QuickPoll.Server";

    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private WebhookReceiver _receiver = null!;
    private QuickPollServerFactory _server = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _server = new QuickPollServerFactory(_database, o => o.Webhooks.Add(new QuickPollWebhook { Url = _receiver.Url, Secret = WebhookAlertTests.Secret }));
    }

    public async Task DisposeAsync()
    {
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_stored_answer_is_counted_by_kind_with_its_group_and_commit_time()
    {
        using var stored = Collect<long>("quickpoll.answers.stored");
        using var groups = Collect<int>("quickpoll.write.group.size");
        using var commits = Collect<double>("quickpoll.write.commit.duration");
        using var flushes = Collect<double>("quickpoll.write.flush.duration");

        await _server.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("mug", 9) { Kind = FeedbackKind.Nps });

        var answer = Assert.Single(stored.GetMeasurementSnapshot());
        Assert.Equal(1, answer.Value);
        Assert.Equal("nps", answer.Tags["quickpoll.answer.kind"]);
        Assert.Equal(1, Assert.Single(groups.GetMeasurementSnapshot()).Value);
        Assert.InRange(Assert.Single(commits.GetMeasurementSnapshot()).Value, double.Epsilon, 10);
        Assert.Equal("s", commits.Instrument!.Unit);
        // SQLite flushes apart from the commit; PostgreSQL's commit includes its flush.
        Assert.Equal(provider == QuickPollStorageProvider.Sqlite, flushes.GetMeasurementSnapshot().Count > 0);
    }

    [Fact]
    public async Task Answers_that_arrive_together_are_one_group_of_their_size()
    {
        using var groups = Collect<int>("quickpoll.write.group.size");
        var sdk = _server.CreateSdk();

        await Task.WhenAll(Enumerable.Range(0, 40).Select(i => sdk.SubmitAnswerAsync(new SubmitAnswerRequest($"tee-{i % 4}", i % 5 + 1))));

        var sizes = groups.GetMeasurementSnapshot().Select(m => m.Value).ToList();
        Assert.Equal(40, sizes.Sum());
        Assert.All(sizes, size => Assert.InRange(size, 1, 40));
    }

    [Fact]
    public async Task A_refused_submission_is_counted_by_reason()
    {
        using var refused = Collect<long>("quickpoll.writes.refused");
        using var stored = Collect<long>("quickpoll.answers.stored");
        using var client = _server.CreateClient();

        using var invalid = await client.PostAsJsonAsync("/api/v1/answers", new { target = "mug", kind = "stars", score = 99 });
        using var unknownPoll = await client.PostAsJsonAsync("/api/v1/polls/no-such-poll/votes", new { choiceId = "a" });

        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.True((int)unknownPoll.StatusCode >= 400);
        var reasons = refused.GetMeasurementSnapshot().Select(m => m.Tags["quickpoll.refusal.reason"]).ToList();
        Assert.Equal(2, reasons.Count);
        Assert.Equal("invalid", reasons[0]);
        Assert.Empty(stored.GetMeasurementSnapshot());
    }

    [Fact]
    public async Task The_queue_length_counts_writes_waiting_for_the_writer()
    {
        using var length = Collect<int>("quickpoll.write.queue.length");
        var writes = _server.Services.GetRequiredService<WriteQueue>();
        using var held = new HeldWrite();
        var holding = writes.WriteAsync(held, CancellationToken.None);
        Assert.True(held.Started.Wait(TimeSpan.FromSeconds(10)));

        var waiting = Enumerable.Range(0, 3).Select(i => writes.WriteAsync(new SubmitAnswer(new SubmitAnswerRequest($"mug-{i}", 5), null), CancellationToken.None)).ToList();
        length.RecordObservableInstruments();
        Assert.Equal(3, length.LastMeasurement!.Value);

        held.Release();
        await holding;
        await Task.WhenAll(waiting);
        length.RecordObservableInstruments();
        Assert.Equal(0, length.LastMeasurement!.Value);
    }

    [Fact]
    public async Task A_webhook_delivery_is_counted_by_outcome()
    {
        using var deliveries = Collect<long>("quickpoll.webhook.deliveries");
        _receiver.Respond = _ => StatusCodes.Status200OK;

        await _server.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("mug", 1));
        await _receiver.NextAsync();
        await deliveries.WaitForMeasurementsAsync(1, TimeSpan.FromSeconds(10));

        var delivery = Assert.Single(deliveries.GetMeasurementSnapshot());
        Assert.Equal("delivered", delivery.Tags["quickpoll.webhook.outcome"]);
    }

    private MetricCollector<T> Collect<T>(string instrument) where T : struct =>
        new(_server.Services.GetRequiredService<IMeterFactory>(), Meter, instrument);
}
