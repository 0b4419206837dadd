using System.Globalization;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>The demo as a person who runs it first sees it: two months of feedback already in, held comments not shown.</summary>
[Collection(SeededDemoShopTestGroup.Name)]
public sealed class SeededShopTests(SeededDemoShopFixture shop) : IAsyncLifetime
{
    private const float Timeout = 30_000;

    private IBrowserContext context = default!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        context = await shop.Browser.NewContextAsync(new() { BaseURL = shop.BaseAddress.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(Timeout);
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task A_product_page_shows_the_months_ratings_and_published_reviews_but_not_held_ones()
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync("products/mug-001");

        var summary = page.Locator(".qp-rating-summary");
        await Assertions.Expect(summary).Not.ToHaveAttributeAsync("data-count", "0");
        var count = int.Parse(await summary.GetAttributeAsync("data-count") ?? "0", CultureInfo.InvariantCulture);
        // Three star ratings a day for 60 days.
        Assert.InRange(count, 150, 210);
        var reviews = page.Locator(".qp-review-list");
        await Assertions.Expect(reviews).ToContainTextAsync("Not a chip in the enamel");
        await Assertions.Expect(reviews).Not.ToContainTextAsync("cheap-mugs");
    }
}
