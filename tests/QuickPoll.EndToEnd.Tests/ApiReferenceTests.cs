namespace QuickPoll.EndToEnd.Tests;

/// <summary>A developer opens the shop's API reference from the navigation: it renders the OpenAPI document offline.</summary>
[Collection(DemoShopTestGroup.Name)]
public sealed class ApiReferenceTests(DemoShopFixture shop) : IAsyncLifetime
{
    private const float Timeout = 30_000;

    private IBrowserContext context = default!;
    private IPage page = default!;

    public async Task InitializeAsync()
    {
        Assertions.SetDefaultExpectTimeout(Timeout);
        context = await shop.Browser.NewContextAsync(new() { BaseURL = shop.BaseAddress.ToString(), Locale = "en-US" });
        context.SetDefaultTimeout(Timeout);
        context.SetDefaultNavigationTimeout(Timeout);
        page = await context.NewPageAsync();
    }

    public async Task DisposeAsync() => await context.DisposeAsync();

    [Fact]
    public async Task The_API_link_opens_a_reference_of_every_public_operation_loaded_only_from_the_shop()
    {
        var requests = new List<string>();
        page.Request += (_, request) => requests.Add(request.Url);

        await page.GotoAsync("");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "API", Exact = true }).ClickAsync();

        await page.WaitForURLAsync("**/api-reference/");
        await Assertions.Expect(page).ToHaveTitleAsync("QuickPoll API");
        await Assertions.Expect(page.GetByText("Store a visitor's answer").First).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByText("Vote in a poll").First).ToBeVisibleAsync();

        var shopOrigin = shop.BaseAddress.GetLeftPart(UriPartial.Authority);
        var elsewhere = requests.Where(url => url.StartsWith("http", StringComparison.Ordinal) && !url.StartsWith(shopOrigin, StringComparison.Ordinal)).ToList();
        Assert.True(elsewhere.Count == 0, "The API reference loaded from outside the shop: " + string.Join(", ", elsewhere));
        Assert.Contains(requests, url => url.EndsWith("/openapi/v1.json", StringComparison.Ordinal));
    }
}
