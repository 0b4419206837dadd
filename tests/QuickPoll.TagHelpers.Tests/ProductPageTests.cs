namespace QuickPoll.TagHelpers.Tests;

public sealed class ProductPageTests : IAsyncLifetime
{
    private readonly RazorPagesShop shop = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Fact]
    public async Task Dump()
    {
        var page = await shop.Browser().GetStringAsync(new Uri("/Product", UriKind.Relative));
        File.WriteAllText("/tmp/tags-product.html", page);
    }
}
