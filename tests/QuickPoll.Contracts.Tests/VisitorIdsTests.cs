namespace QuickPoll.Contracts.Tests;

public sealed class VisitorIdsTests
{
    private const string Secret = "shop-secret-shop-secret-shop-secret!";

    [Fact]
    public void Random_ids_differ_and_are_valid_visitor_ids()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => VisitorIds.New()).ToArray();

        Assert.Equal(ids.Length, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Null(FeedbackLimits.ValidateVisitorId(id)));
    }

    [Fact]
    public void A_customer_gets_the_same_id_every_time_and_it_does_not_contain_the_customer_id()
    {
        var id = VisitorIds.FromCustomerId(Secret, "customer-42");

        Assert.Equal(id, VisitorIds.FromCustomerId(Secret, "customer-42"));
        Assert.NotEqual(id, VisitorIds.FromCustomerId(Secret, "customer-43"));
        Assert.NotEqual(id, VisitorIds.FromCustomerId(Secret + "x", "customer-42"));
        Assert.DoesNotContain("42", id, StringComparison.Ordinal);
        Assert.Null(FeedbackLimits.ValidateVisitorId(id));
    }

    [Fact]
    public void A_short_secret_is_refused() =>
        Assert.Throws<ArgumentException>(() => VisitorIds.FromCustomerId("short", "customer-42"));
}
