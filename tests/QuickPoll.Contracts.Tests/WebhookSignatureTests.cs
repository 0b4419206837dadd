using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace QuickPoll.Contracts.Tests;

public sealed class WebhookSignatureTests
{
    private const string Secret = "webhook-secret-webhook-secret-0123";
    private const long Timestamp = 1_790_000_000;

    private static readonly DateTimeOffset SentAt = DateTimeOffset.FromUnixTimeSeconds(Timestamp);
    private static readonly byte[] Body = Encoding.UTF8.GetBytes("""{"id":"0199a1b2","type":"detractor","createdAt":"2026-09-21T14:13:20+00:00","target":"shop","score":3}""");

    [Fact]
    public void The_signature_is_the_lower_case_hex_hmac_sha256_of_the_timestamp_a_dot_and_the_body()
    {
        var expected = "sha256=" + Convert.ToHexString(
            HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes("1790000000.").Concat(Body).ToArray())).ToLowerInvariant();

        Assert.Equal(expected, WebhookSignature.Sign(Secret, Timestamp, Body));
    }

    [Fact]
    public void A_signed_body_verifies_within_the_tolerance_either_way()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.True(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt));
        Assert.True(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt.AddMinutes(5)));
        Assert.True(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt.AddMinutes(-5)));
        Assert.True(WebhookSignature.Verify(Secret, "1790000000", Body, signature.ToUpperInvariant().Replace("SHA256=", "sha256=", StringComparison.Ordinal), SentAt));
    }

    [Fact]
    public void A_tampered_body_does_not_verify()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);
        var tampered = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Body).Replace("\"score\":3", "\"score\":9", StringComparison.Ordinal));

        Assert.False(WebhookSignature.Verify(Secret, "1790000000", tampered, signature, SentAt));
    }

    [Fact]
    public void Another_secret_or_a_moved_timestamp_does_not_verify()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret + "x", "1790000000", Body, signature, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, "1790000001", Body, signature, SentAt));
    }

    [Fact]
    public void An_old_or_future_timestamp_is_refused_even_with_a_valid_signature()
    {
        var signature = WebhookSignature.Sign(Secret, Timestamp, Body);

        Assert.False(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt.AddMinutes(5).AddSeconds(1)));
        Assert.False(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt.AddMinutes(-6)));
        Assert.False(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt.AddSeconds(31), TimeSpan.FromSeconds(30)));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("sha256=")]
    [InlineData("sha1=0123")]
    [InlineData("sha256=zz")]
    public void A_missing_or_malformed_signature_does_not_verify(string? signature)
    {
        Assert.False(WebhookSignature.Verify(Secret, "1790000000", Body, signature, SentAt));
        Assert.False(WebhookSignature.Verify(Secret, null, Body, WebhookSignature.Sign(Secret, Timestamp, Body), SentAt));
        Assert.False(WebhookSignature.Verify(Secret, "-1790000000", Body, WebhookSignature.Sign(Secret, Timestamp, Body), SentAt));
    }

    [Fact]
    public void An_alert_round_trips_through_the_json_context_and_leaves_out_what_it_does_not_carry()
    {
        var alert = new WebhookAlert("0199a1b2", WebhookEvents.CommentHeld, SentAt, "mug-001") { CommentId = 42, HoldReason = "link", Rating = 1 };

        var json = JsonSerializer.Serialize(alert, QuickPollJsonContext.Default.WebhookAlert);

        Assert.Equal(alert, JsonSerializer.Deserialize(json, QuickPollJsonContext.Default.WebhookAlert));
        using var document = JsonDocument.Parse(json);
        Assert.Equal(
            ["id", "type", "createdAt", "target", "commentId", "holdReason", "rating"],
            document.RootElement.EnumerateObject().Select(p => p.Name));
        Assert.Equal("comment-held", document.RootElement.GetProperty("type").GetString());
    }
}
