using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Alerts;

public sealed class SqliteWebhookAlertTests() : WebhookAlertTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlWebhookAlertTests() : WebhookAlertTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Staff alerts reach a real receiver, signed, once per stored event, without ever holding up the visitor.</summary>
public abstract class WebhookAlertTests(QuickPollStorageProvider provider) : IAsyncLifetime
{
    public const string Secret = "test-webhook-secret-0123456789abcdef";

    private readonly TestDatabase _database = TestDatabase.Create(provider);
    private WebhookReceiver _receiver = null!;
    private QuickPollServerFactory _server = null!;
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<TestHostEntryPoint> _factory = null!;

    public async Task InitializeAsync()
    {
        _receiver = await WebhookReceiver.StartAsync();
        _server = new QuickPollServerFactory(_database, o => o.Webhooks.Add(new QuickPollWebhook { Url = _receiver.Url, Secret = Secret }));
        // Short backoff, so that the retry test takes milliseconds; the policy is otherwise the shipped one.
        _factory = _server.WithWebHostBuilder(web => web.ConfigureServices(services =>
            services.PostConfigureAll<HttpStandardResilienceOptions>(o => o.Retry.Delay = TimeSpan.FromMilliseconds(20))));
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _server.DisposeAsync();
        await _receiver.DisposeAsync();
        _database.Dispose();
    }

    [Fact]
    public async Task A_detractor_reaches_the_receiver_signed_with_the_webhooks_secret_and_without_the_visitor()
    {
        var before = DateTimeOffset.UtcNow;
        await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("shop", 3)
        {
            Kind = FeedbackKind.Nps, VisitorId = "visitor-detractor-1", Segment = "returning", JourneyStage = JourneyStage.AfterPurchase,
            Touchpoint = "order-email", Locale = "pl-PL",
        });

        var received = await _receiver.NextAsync();

        Assert.Equal(WebhookEvents.Detractor, received.Event);
        Assert.StartsWith("application/json", received.ContentType, StringComparison.Ordinal);
        Assert.True(received.IsSignedWith(Secret));
        Assert.False(received.IsSignedWith(Secret.Replace('0', '1')));
        var alert = received.Alert;
        Assert.Equal(received.Delivery, alert.Id);
        Assert.Equal(WebhookEvents.Detractor, alert.Type);
        Assert.Equal("shop", alert.Target);
        Assert.Equal(FeedbackKind.Nps, alert.Kind);
        Assert.Equal(3, alert.Score);
        Assert.Equal("returning", alert.Segment);
        Assert.Equal(JourneyStage.AfterPurchase, alert.JourneyStage);
        Assert.Equal("order-email", alert.Touchpoint);
        Assert.InRange(alert.CreatedAt, before.AddSeconds(-1), DateTimeOffset.UtcNow);
        Assert.InRange(long.Parse(received.Timestamp!, System.Globalization.CultureInfo.InvariantCulture), before.ToUnixTimeSeconds() - 1, DateTimeOffset.UtcNow.ToUnixTimeSeconds());
        Assert.DoesNotContain("visitor", received.Text, StringComparison.OrdinalIgnoreCase);
        Assert.True(await _receiver.StaysQuietAsync());
    }

    [Fact]
    public async Task One_or_two_stars_and_a_csat_of_one_or_two_alert_as_low_ratings()
    {
        await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2));
        await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("delivery", 1) { Kind = FeedbackKind.Csat });

        var alerts = await NextAlertsAsync(2);

        Assert.All(alerts, a => Assert.Equal(WebhookEvents.LowRating, a.Type));
        Assert.Equal(("delivery", FeedbackKind.Csat, 1), (alerts[0].Target, alerts[0].Kind!.Value, alerts[0].Score!.Value));
        Assert.Equal(("mug-001", FeedbackKind.Stars, 2), (alerts[1].Target, alerts[1].Kind!.Value, alerts[1].Score!.Value));
    }

    [Fact]
    public async Task A_comment_held_for_moderation_alerts_staff_without_its_text_or_name()
    {
        var receipt = await Sdk().SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Cheaper at www.example.shop, go there")
        {
            Rating = 1, DisplayName = "Ann Onymous", VisitorId = "visitor-commenter-1", Touchpoint = "product-page",
        });

        var received = await _receiver.NextAsync();

        Assert.Equal(CommentStatus.Held, receipt.Status);
        Assert.Equal(WebhookEvents.CommentHeld, received.Event);
        Assert.True(received.IsSignedWith(Secret));
        var alert = received.Alert;
        Assert.Equal((WebhookEvents.CommentHeld, "mug-001", receipt.CommentId, "link", 1, "product-page"),
            (alert.Type, alert.Target, alert.CommentId!.Value, alert.HoldReason, alert.Rating!.Value, alert.Touchpoint));
        Assert.Null(alert.Score);
        Assert.DoesNotContain("example", received.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Ann", received.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("visitor", received.Text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_promoter_a_good_rating_and_a_published_comment_send_nothing()
    {
        var sdk = Sdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("shop", 9) { Kind = FeedbackKind.Nps });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("shop", 7) { Kind = FeedbackKind.Nps });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("delivery", 3) { Kind = FeedbackKind.Csat });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("checkout", 1) { Kind = FeedbackKind.Ces });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("help", 0) { Kind = FeedbackKind.Thumbs });
        var published = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Lovely mug.") { Rating = 1 });

        // Any alert wrongly raised above was queued before this one.
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("marker", 0) { Kind = FeedbackKind.Nps });

        Assert.Equal(CommentStatus.Published, published.Status);
        Assert.Equal("marker", (await _receiver.NextAsync()).Alert.Target);
        Assert.True(await _receiver.StaysQuietAsync());
    }

    [Fact]
    public async Task A_re_vote_that_turns_into_a_detractor_alerts_once_and_moving_within_the_detractors_does_not_alert_again()
    {
        var sdk = Sdk();
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("shop", 9) { Kind = FeedbackKind.Nps, VisitorId = "visitor-revote-1" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("shop", 4) { Kind = FeedbackKind.Nps, VisitorId = "visitor-revote-1" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("shop", 5) { Kind = FeedbackKind.Nps, VisitorId = "visitor-revote-1" });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("marker", 0) { Kind = FeedbackKind.Nps });

        var alerts = await NextAlertsAsync(2);
        Assert.Equal(["marker", "shop"], alerts.Select(a => a.Target));
        Assert.Equal(4, alerts[1].Score);
        Assert.True(await _receiver.StaysQuietAsync());
    }

    [Fact]
    public async Task A_replayed_submission_with_the_same_idempotency_key_alerts_once()
    {
        using var http = _factory.CreateClient();
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/answers")
            {
                Content = JsonContent.Create(new SubmitAnswerRequest("shop", 2) { Kind = FeedbackKind.Nps }, QuickPollJsonContext.Default.SubmitAnswerRequest),
            };
            request.Headers.Add("Idempotency-Key", "replayed-detractor-0001");
            using var response = await http.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }

        await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("marker", 0) { Kind = FeedbackKind.Nps });

        var alerts = await NextAlertsAsync(2);
        Assert.Equal(["marker", "shop"], alerts.Select(a => a.Target));
        Assert.Equal(2, alerts[1].Score);
        Assert.True(await _receiver.StaysQuietAsync());
    }

    [Fact]
    public async Task A_receiver_that_fails_twice_gets_the_same_signed_delivery_a_third_time()
    {
        _receiver.Respond = n => n <= 2 ? StatusCodes.Status500InternalServerError : StatusCodes.Status200OK;

        await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("shop", 1) { Kind = FeedbackKind.Nps });

        var tries = new[] { await _receiver.NextAsync(), await _receiver.NextAsync(), await _receiver.NextAsync() };
        Assert.Single(tries.Select(t => t.Delivery).Distinct());
        Assert.Single(tries.Select(t => t.Text).Distinct());
        Assert.All(tries, t => Assert.True(t.IsSignedWith(Secret)));
        Assert.Equal(tries[0].Delivery, tries[0].Alert.Id);
        Assert.True(await _receiver.StaysQuietAsync());
        Assert.Equal(3, _receiver.Answered);
    }

    [Fact]
    public async Task A_receiver_that_never_answers_does_not_slow_the_visitors_submission()
    {
        _receiver.Respond = _ => null;

        await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("shop", 0) { Kind = FeedbackKind.Nps });
        await _receiver.NextAsync();
        var clock = Stopwatch.StartNew();
        var receipt = await Sdk().SubmitAnswerAsync(new SubmitAnswerRequest("shop", 6) { Kind = FeedbackKind.Nps });
        clock.Stop();

        Assert.Equal(2, receipt.Summary.Count);
        Assert.Equal(0, _receiver.Answered);
        // The webhook's own attempt timeout is 10 seconds: a submission that waited for it could not be this quick.
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(3), $"The submission took {clock.Elapsed}.");
    }

    /// <summary>The next <paramref name="count"/> alerts by target: several may be delivered at once, in any order.</summary>
    private async Task<WebhookAlert[]> NextAlertsAsync(int count)
    {
        var alerts = new List<WebhookAlert>();
        for (var i = 0; i < count; i++)
        {
            alerts.Add((await _receiver.NextAsync()).Alert);
        }

        return [.. alerts.OrderBy(a => a.Target, StringComparer.Ordinal)];
    }

    private IQuickPollApi Sdk()
    {
        var services = new ServiceCollection();
        services.AddQuickPollClient(o => o.BaseAddress = new Uri("http://localhost/"))
            .ConfigurePrimaryHttpMessageHandler(() => _factory.Server.CreateHandler());
        return services.BuildServiceProvider().GetRequiredService<IQuickPollApi>();
    }
}
