using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using QuickPoll.Server.Embed;
using Xunit.Abstractions;

namespace QuickPoll.Server.Tests.Embed;

/// <summary>
/// The script, stylesheet and texts any page embeds, as <c>MapQuickPoll()</c> serves them: within the size budget,
/// compressed as the browser accepts, revalidated with 304, and with the headers that let any origin use them safely.
/// </summary>
public sealed class EmbedAssetsTests : ServerTestBase
{
    /// <summary>The script and the stylesheet every page loads, together, compressed as browsers fetch them.</summary>
    private const int BudgetBytes = 6144;

    private readonly ITestOutputHelper output;

    public EmbedAssetsTests(ITestOutputHelper output)
        : base(QuickPollStorageProvider.Sqlite) => this.output = output;

    public static TheoryData<string, string> Files => new()
    {
        { "/quickpoll/embed.js", "text/javascript" },
        { "/quickpoll/embed.css", "text/css" },
        { "/quickpoll/embed.en.json", "application/json" },
        { "/quickpoll/embed.pl.json", "application/json" },
    };

    [Fact]
    public async Task The_script_and_stylesheet_together_are_at_most_6_KB_brotli_as_served()
    {
        var client = Factory.CreateClient();
        var total = 0;
        foreach (var path in new[] { "/quickpoll/embed.js", "/quickpoll/embed.css" })
        {
            var response = await client.SendAsync(Get(path, "br"));
            Assert.Equal("br", Assert.Single(response.Content.Headers.ContentEncoding));
            total += (await response.Content.ReadAsByteArrayAsync()).Length;
        }

        output.WriteLine($"embed.js + embed.css: {total} bytes brotli of {BudgetBytes}");
        Assert.True(total <= BudgetBytes, $"embed.js + embed.css are {total} bytes brotli; the budget is {BudgetBytes}.");
        // A page loads its language's texts too, once: each is a small file of its own.
        foreach (var path in new[] { "/quickpoll/embed.en.json", "/quickpoll/embed.pl.json" })
        {
            var texts = (await (await client.SendAsync(Get(path, "br"))).Content.ReadAsByteArrayAsync()).Length;
            output.WriteLine($"{path}: {texts} bytes brotli");
            Assert.True(texts <= 1280, $"{path} is {texts} bytes brotli.");
        }
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_is_served_in_the_encoding_the_browser_accepts_with_the_same_content(string path, string contentType)
    {
        var client = Factory.CreateClient();
        var identity = await client.SendAsync(Get(path, null));
        Assert.Equal(HttpStatusCode.OK, identity.StatusCode);
        Assert.Empty(identity.Content.Headers.ContentEncoding);
        Assert.Equal(contentType, identity.Content.Headers.ContentType?.MediaType);
        Assert.Equal("utf-8", identity.Content.Headers.ContentType?.CharSet);
        var plain = await identity.Content.ReadAsByteArrayAsync();
        Assert.NotEmpty(plain);

        var brotli = await client.SendAsync(Get(path, "gzip, deflate, br, zstd"));
        Assert.Equal("br", Assert.Single(brotli.Content.Headers.ContentEncoding));
        Assert.Equal(plain, Decompress(await brotli.Content.ReadAsByteArrayAsync(), s => new BrotliStream(s, CompressionMode.Decompress)));

        var gzip = await client.SendAsync(Get(path, "gzip"));
        Assert.Equal("gzip", Assert.Single(gzip.Content.Headers.ContentEncoding));
        Assert.Equal(plain, Decompress(await gzip.Content.ReadAsByteArrayAsync(), s => new GZipStream(s, CompressionMode.Decompress)));

        // q=0 refuses an encoding; the best of the rest wins.
        var refused = await client.SendAsync(Get(path, "br;q=0, gzip;q=0.5"));
        Assert.Equal("gzip", Assert.Single(refused.Content.Headers.ContentEncoding));
        var none = await client.SendAsync(Get(path, "br;q=0, gzip;q=0"));
        Assert.Empty(none.Content.Headers.ContentEncoding);

        // Each encoding is its own representation: distinct ETags, so no cache serves one for another.
        Assert.Equal(3, new[] { identity, brotli, gzip }.Select(r => r.Headers.ETag?.Tag).Distinct().Count());
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task Each_file_carries_the_headers_that_let_any_page_use_it_safely(string path, string contentType)
    {
        _ = contentType;
        var response = await Factory.CreateClient().SendAsync(Get(path, "br"));
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("cross-origin", response.Headers.GetValues("Cross-Origin-Resource-Policy").Single());
        Assert.Equal("*", response.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.True(response.Headers.CacheControl is { Public: true, MaxAge: not null });
        Assert.NotNull(response.Headers.ETag);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public async Task A_browser_that_has_the_file_gets_304_without_a_body(string path, string contentType)
    {
        _ = contentType;
        var client = Factory.CreateClient();
        var first = await client.SendAsync(Get(path, "br"));
        var again = Get(path, "br");
        again.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var response = await client.SendAsync(again);
        Assert.Equal(HttpStatusCode.NotModified, response.StatusCode);
        Assert.Empty(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(first.Headers.ETag, response.Headers.ETag);

        // A tag of another version (or garbage) gets the file.
        var stale = Get(path, "br");
        stale.Headers.TryAddWithoutValidation("If-None-Match", "\"not-this-one\", garbage");
        Assert.Equal(HttpStatusCode.OK, (await client.SendAsync(stale)).StatusCode);
    }

    [Fact]
    public async Task A_head_request_gets_the_headers_and_other_files_under_the_prefix_are_not_found()
    {
        var client = Factory.CreateClient();
        var head = await client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/quickpoll/embed.js"));
        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/quickpoll/embed.de.json")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/quickpoll/EmbedAssets.cs")).StatusCode);
    }

    [Fact]
    public void Serving_drops_indentation_and_comment_lines_only()
    {
        var source = "/* a header\n   over lines */\nconst a = 'x';\n  // why\n  f(a); // kept\n\n.a{b:c}\n";
        Assert.Equal("const a = 'x';\nf(a); // kept\n.a{b:c}\n", EmbedAsset.Trim(source));
    }

    [Fact]
    public void The_script_builds_markup_from_the_server_or_visitor_only_as_text()
    {
        // Whatever the server or a visitor wrote reaches the page through textContent; templates hold the script's own texts.
        var script = Encoding.UTF8.GetString(EmbedAssets.Files["embed.js"].Value.Identity);
        Assert.DoesNotContain("innerHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("outerHTML", script, StringComparison.Ordinal);
        Assert.DoesNotContain("eval(", script, StringComparison.Ordinal);
        foreach (var field in new[] { "c.text", "c.displayName", "c.label", "p.question", "r.message", "r.detail" })
        {
            Assert.DoesNotContain("${" + field, script, StringComparison.Ordinal);
        }
    }

    private static HttpRequestMessage Get(string path, string? acceptEncoding)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (acceptEncoding is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", acceptEncoding);
        }

        return request;
    }

    private static byte[] Decompress(byte[] body, Func<Stream, Stream> decoder)
    {
        using var input = new MemoryStream(body);
        using var stream = decoder(input);
        using var output = new MemoryStream();
        stream.CopyTo(output);
        return output.ToArray();
    }
}
