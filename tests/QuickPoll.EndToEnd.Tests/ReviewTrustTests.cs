using System.Text.Json;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>What a product page with reviews tells customers and search engines, in the HTML the server sends.</summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class ReviewTrustTests(DemoShopFixture shop) : IAsyncLifetime
{
    private const float Timeout = 30_000;

    private IBrowserContext context = default!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        // Search engines and customers without JavaScript read the prerendered page.
        context = await shop.Browser.NewContextAsync(new() { BaseURL = shop.BaseAddress.ToString(), Locale = "en-US", JavaScriptEnabled = false });
        context.SetDefaultTimeout(Timeout);
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task A_product_page_with_reviews_states_the_review_policy_from_the_endpoints_settings()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("products/tote-004");

        var policy = page.Locator(".qp-review-policy");
        await Assertions.Expect(policy).ToHaveAttributeAsync("data-state", "loaded");
        await Assertions.Expect(policy).ToHaveAttributeAsync("data-moderation", "publish-unless-flagged");
        await Assertions.Expect(policy.Locator(".qp-policy-moderation")).ToContainTextAsync("Reviews appear at once");
    }

    [Fact]
    public async Task A_rated_product_carries_schema_org_product_json_ld_in_the_html_the_server_sends()
    {
        // The gallery's mug: the product pages' own counts belong to their tests.
        var answer = await context.APIRequest.PostAsync("api/v1/answers", new() { DataObject = new { target = "gallery-mug", score = 5 } });
        Assert.True(answer.Ok, $"POST /api/v1/answers answered {answer.Status}.");

        var page = await context.NewPageAsync();
        await page.GotoAsync("integrations");

        var script = page.Locator("[data-example=rating-summary] script[type='application/ld+json']");
        await Assertions.Expect(script).ToHaveCountAsync(1);
        using var json = JsonDocument.Parse(await script.TextContentAsync() ?? "");
        Assert.Equal("Product", json.RootElement.GetProperty("@type").GetString());
        Assert.Equal("Gallery mug", json.RootElement.GetProperty("name").GetString());
        Assert.True(json.RootElement.GetProperty("aggregateRating").GetProperty("ratingCount").GetInt64() >= 1);
    }
}
