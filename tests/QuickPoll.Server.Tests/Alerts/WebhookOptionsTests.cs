using Microsoft.Extensions.Options;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Alerts;

/// <summary>Webhook settings: checked at start-up, and each webhook gets only the events it asked for.</summary>
public sealed class WebhookOptionsTests : IDisposable
{
    private const string Secret = WebhookAlertTests.Secret;

    private readonly SqliteTestDatabase _database = new();

    public void Dispose() => _database.Dispose();

    [Theory]
    [InlineData("hooks/quickpoll", Secret, "detractor", "Webhooks:0:Url must be an absolute http or https URL")]
    [InlineData("ftp://hooks.example.com/quickpoll", Secret, "detractor", "Webhooks:0:Url must be an absolute http or https URL")]
    [InlineData("https://hooks.example.com/quickpoll", "too-short-secret", "detractor", "Webhooks:0:Secret must be at least 32 characters")]
    [InlineData("https://hooks.example.com/quickpoll", Secret, "promoter", "Webhooks:0:Events has 'promoter'; the events are detractor, low-rating, comment-held")]
    public void A_wrong_webhook_stops_the_start_naming_the_setting(string url, string secret, string type, string message)
    {
        using var factory = new QuickPollServerFactory(_database, o =>
        {
            var webhook = new QuickPollWebhook { Url = new Uri(url, UriKind.RelativeOrAbsolute), Secret = secret };
            webhook.Events.Add(type);
            o.Webhooks.Add(webhook);
        });

        var error = Assert.Throws<OptionsValidationException>(() => factory.CreateClient());

        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_webhook_gets_only_the_events_it_subscribes_to()
    {
        await using var detractors = await WebhookReceiver.StartAsync();
        await using var moderators = await WebhookReceiver.StartAsync();
        using var factory = new QuickPollServerFactory(_database, o =>
        {
            o.Webhooks.Add(new QuickPollWebhook { Url = detractors.Url, Secret = Secret, Events = { WebhookEvents.Detractor } });
            o.Webhooks.Add(new QuickPollWebhook { Url = moderators.Url, Secret = Secret + "-moderation", Events = { WebhookEvents.CommentHeld } });
        });
        var sdk = factory.CreateSdk();

        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("shop", 2) { Kind = FeedbackKind.Nps });
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1));
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "See http://spam.example"));

        var detractor = await detractors.NextAsync();
        var held = await moderators.NextAsync();
        Assert.Equal(WebhookEvents.Detractor, detractor.Alert.Type);
        Assert.True(detractor.IsSignedWith(Secret));
        Assert.Equal(WebhookEvents.CommentHeld, held.Alert.Type);
        Assert.True(held.IsSignedWith(Secret + "-moderation"));
        Assert.False(held.IsSignedWith(Secret));
        Assert.True(await detractors.StaysQuietAsync());
        Assert.True(await moderators.StaysQuietAsync());
    }
}
