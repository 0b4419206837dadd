using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Net.Http.Headers;

namespace QuickPoll.Server.Embed;

/// <summary>
/// The script and stylesheet any page embeds (<c>/quickpoll/embed.js</c>, <c>/quickpoll/embed.css</c>) and the texts the
/// script fetches for the page's language (<c>/quickpoll/embed.en.json</c>, <c>/quickpoll/embed.pl.json</c>): embedded in
/// this assembly, trimmed and compressed once (brotli, gzip) on first use and served by <c>Accept-Encoding</c> with an
/// ETag, so a page costs one small conditional request each after the first.
/// </summary>
internal static class EmbedAssets
{
    // Not versioned in the URL (pages copy it once): short freshness, then revalidated against the ETag.
    private const string CacheControl = "public, max-age=3600, stale-while-revalidate=86400";

    /// <summary>Each file by its name, as served (for tests and the size budget too).</summary>
    internal static IReadOnlyDictionary<string, Lazy<EmbedAsset>> Files { get; } = new Dictionary<string, Lazy<EmbedAsset>>
    {
        ["embed.js"] = new(() => EmbedAsset.Load("embed.js", "text/javascript; charset=utf-8")),
        ["embed.css"] = new(() => EmbedAsset.Load("embed.css", "text/css; charset=utf-8")),
        ["embed.en.json"] = new(() => EmbedAsset.Load("embed.en.json", "application/json; charset=utf-8")),
        ["embed.pl.json"] = new(() => EmbedAsset.Load("embed.pl.json", "application/json; charset=utf-8")),
    };

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        foreach (var (name, file) in Files)
        {
            endpoints.MapMethods("/quickpoll/" + name, [HttpMethods.Get, HttpMethods.Head], (HttpContext http) => Serve(http, file.Value)).ExcludeFromDescription();
        }
    }

    private static IResult Serve(HttpContext http, EmbedAsset asset)
    {
        var (body, encoding, tag) = asset.For(http.Request.Headers.AcceptEncoding.ToString());
        var headers = http.Response.Headers;
        headers.Vary = HeaderNames.AcceptEncoding;
        headers.CacheControl = CacheControl;
        headers.ETag = tag;
        headers.XContentTypeOptions = "nosniff";
        // Any page may load them: CORP for pages that isolate themselves, CORS for the texts the script fetches (and integrity checks).
        headers["Cross-Origin-Resource-Policy"] = "cross-origin";
        headers.AccessControlAllowOrigin = "*";
        if (asset.Matches(http.Request.Headers.IfNoneMatch.ToString()))
        {
            return TypedResults.StatusCode(StatusCodes.Status304NotModified);
        }

        if (encoding is not null)
        {
            headers.ContentEncoding = encoding;
        }

        return TypedResults.Bytes(body, asset.ContentType);
    }
}

/// <summary>One embedded file in each encoding, with an ETag per encoding.</summary>
internal sealed class EmbedAsset
{
    private readonly string _hash;

    private EmbedAsset(string contentType, byte[] identity)
    {
        ContentType = contentType;
        Identity = identity;
        Brotli = Compress(identity, static s => new BrotliStream(s, CompressionLevel.SmallestSize));
        Gzip = Compress(identity, static s => new GZipStream(s, CompressionLevel.SmallestSize));
        _hash = Convert.ToBase64String(SHA256.HashData(identity).AsSpan(0, 12)).Replace('+', '-').Replace('/', '_');
    }

    public string ContentType { get; }

    public byte[] Identity { get; }

    public byte[] Brotli { get; }

    public byte[] Gzip { get; }

    public static EmbedAsset Load(string name, string contentType)
    {
        using var stream = typeof(EmbedAsset).Assembly.GetManifestResourceStream("QuickPoll.Server.Embed." + name)
            ?? throw new InvalidOperationException($"QuickPoll: the embedded {name} is missing from the assembly.");
        using var reader = new StreamReader(stream);
        return new EmbedAsset(contentType, Encoding.UTF8.GetBytes(Trim(reader.ReadToEnd())));
    }

    /// <summary>
    /// Drops what only a reader of the source needs: indentation, blank lines, and lines that are only a comment
    /// (<c>// ...</c>, or a <c>/* ... */</c> block that starts a line). The files are written so that no string spans lines.
    /// </summary>
    internal static string Trim(string source)
    {
        var output = new StringBuilder(source.Length);
        var inComment = false;
        foreach (var raw in source.Split('\n'))
        {
            var line = raw.Trim();
            if (inComment || line.StartsWith("/*", StringComparison.Ordinal))
            {
                inComment = !line.EndsWith("*/", StringComparison.Ordinal);
                continue;
            }

            if (line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal))
            {
                output.Append(line).Append('\n');
            }
        }

        return output.ToString();
    }

    /// <summary>The best representation the client accepts: brotli, then gzip, then none (q=0 refuses one).</summary>
    public (byte[] Body, string? Encoding, string ETag) For(string? acceptEncoding)
    {
        double brotli = 0, gzip = 0;
        if (acceptEncoding is { Length: > 0 } && StringWithQualityHeaderValue.TryParseList([acceptEncoding], out var values))
        {
            foreach (var value in values)
            {
                var quality = value.Quality ?? 1;
                if (value.Value.Equals("br", StringComparison.OrdinalIgnoreCase))
                {
                    brotli = quality;
                }
                else if (value.Value.Equals("gzip", StringComparison.OrdinalIgnoreCase))
                {
                    gzip = quality;
                }
                else if (value.Value.Equals("*", StringComparison.Ordinal))
                {
                    brotli = brotli == 0 ? quality : brotli;
                    gzip = gzip == 0 ? quality : gzip;
                }
            }
        }

        return brotli > 0 && brotli >= gzip ? (Brotli, "br", Tag("br"))
            : gzip > 0 ? (Gzip, "gzip", Tag("gz"))
            : (Identity, null, Tag(null));
    }

    /// <summary>Whether an <c>If-None-Match</c> names this content in any encoding (weak comparison, as RFC 9110 asks for it).</summary>
    public bool Matches(string? ifNoneMatch)
    {
        if (string.IsNullOrEmpty(ifNoneMatch))
        {
            return false;
        }

        if (ifNoneMatch.Trim() == "*")
        {
            return true;
        }

        return EntityTagHeaderValue.TryParseList([ifNoneMatch], out var tags)
            && tags.Any(t => t.Tag.ToString().Trim('"') is var value && (value == _hash || value == _hash + "-br" || value == _hash + "-gz"));
    }

    private string Tag(string? encoding) => encoding is null ? $"\"{_hash}\"" : $"\"{_hash}-{encoding}\"";

    private static byte[] Compress(byte[] source, Func<Stream, Stream> encoder)
    {
        using var output = new MemoryStream();
        using (var compressor = encoder(output))
        {
            compressor.Write(source);
        }

        return output.ToArray();
    }
}
