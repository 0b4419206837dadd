using QuickPoll.Contracts;

namespace QuickPoll.Contracts.Tests;

public sealed class AccessLimitsTests
{
    [Theory]
    [InlineData("https://shop.example", "https://shop.example")]
    [InlineData("https://Shop.Example:443", "https://shop.example")]
    [InlineData("http://localhost:5000", "http://localhost:5000")]
    [InlineData("http://127.0.0.1", "http://127.0.0.1")]
    [InlineData("https://shop.example:8443", "https://shop.example:8443")]
    public void An_origin_is_kept_in_the_form_browsers_send(string origin, string expected) =>
        Assert.Equal(expected, AccessLimits.NormalizeOrigin(origin));

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("*")]
    [InlineData("null")]
    [InlineData("shop.example")]
    [InlineData("https://shop.example/")]
    [InlineData("https://shop.example/reviews")]
    [InlineData("https://shop.example?x=1")]
    [InlineData("https://shop.example#top")]
    [InlineData("https://user:pass@shop.example")]
    [InlineData("ftp://shop.example")]
    [InlineData("javascript:alert(1)")]
    [InlineData("file:///etc/passwd")]
    public void Anything_but_an_http_or_https_origin_is_refused(string? origin) =>
        Assert.Null(AccessLimits.NormalizeOrigin(origin));

    [Fact]
    public void A_site_names_each_wrong_origin_and_a_missing_name()
    {
        var errors = AccessLimits.Validate(new SiteDefinition(" ", ["https://shop.example", "https://shop.example/x"]));

        Assert.Equal(["allowedOrigins[1]", "name"], errors.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void A_site_allows_at_most_20_origins()
    {
        var origins = Enumerable.Range(1, 21).Select(i => $"https://s{i}.example").ToList();

        Assert.Contains("allowedOrigins", AccessLimits.Validate(new SiteDefinition("Shop", origins)).Keys);
        Assert.Empty(AccessLimits.Validate(new SiteDefinition("Shop", origins[..20])));
    }
}
