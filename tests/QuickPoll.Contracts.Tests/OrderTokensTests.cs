namespace QuickPoll.Contracts.Tests;

public sealed class OrderTokensTests
{
    private const string Secret = "order-secret-order-secret-order-secret";

    [Fact]
    public void An_issued_token_verifies_and_tells_its_order_and_product()
    {
        var token = OrderTokens.Issue(Secret, "order-7", "mug-001", DateTimeOffset.UtcNow.AddHours(1));

        Assert.True(OrderTokens.TryVerify(Secret, token, DateTimeOffset.UtcNow, out var order, out var product));
        Assert.Equal(("order-7", "mug-001"), (order, product));
    }

    [Fact]
    public void A_verified_token_tells_its_expiry_to_the_second()
    {
        var expires = new DateTimeOffset(2026, 5, 1, 12, 30, 15, 400, TimeSpan.FromHours(2));
        var token = OrderTokens.Issue(Secret, "order-7", "mug-001", expires);

        Assert.True(OrderTokens.TryVerify(Secret, token, expires.AddDays(-1), out _, out _, out var readExpiry));
        Assert.Equal(new DateTimeOffset(2026, 5, 1, 10, 30, 15, TimeSpan.Zero), readExpiry);
        Assert.False(OrderTokens.TryVerify(Secret, token, expires.AddSeconds(1), out _, out _, out _));
    }

    [Fact]
    public void A_tampered_expired_or_foreign_token_does_not_verify()
    {
        var token = OrderTokens.Issue(Secret, "order-7", "mug-001", DateTimeOffset.UtcNow.AddHours(1));
        var tampered = OrderTokens.Issue(Secret, "order-8", "mug-001", DateTimeOffset.UtcNow.AddHours(1)).Split('.')[0] + "." + token.Split('.')[1];

        Assert.False(OrderTokens.TryVerify(Secret, tampered, DateTimeOffset.UtcNow, out _, out _));
        Assert.False(OrderTokens.TryVerify(Secret, token, DateTimeOffset.UtcNow.AddHours(2), out _, out _));
        Assert.False(OrderTokens.TryVerify(Secret + "!", token, DateTimeOffset.UtcNow, out _, out _));
        Assert.False(OrderTokens.TryVerify(Secret, "not-a-token", DateTimeOffset.UtcNow, out _, out _));
        Assert.False(OrderTokens.TryVerify(Secret, null, DateTimeOffset.UtcNow, out _, out _));
    }
}
