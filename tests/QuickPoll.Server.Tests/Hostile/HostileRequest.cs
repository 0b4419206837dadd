using System.Net.Http.Headers;
using System.Text;

namespace QuickPoll.Server.Tests.Hostile;

/// <summary>Who a hostile request claims to be.</summary>
public enum Caller
{
    Visitor,
    Admin,
}

/// <summary>
/// One malformed request and what the server must answer: a 4xx problem with that status, naming
/// <see cref="Field"/> in its <c>errors</c> when a field is to blame. <c>{poll}</c> in the path is the seeded poll's id,
/// <c>{site}</c> in a header the seeded site's public key.
/// </summary>
public sealed record HostileRequest(string Name, HttpMethod Method, string Path, int Status, string? Field = null)
{
    public byte[]? Body { get; init; }

    /// <summary>The body's media type; <see langword="null"/> sends none.</summary>
    public string? ContentType { get; init; } = "application/json";

    /// <summary>Sends the body chunked, without a Content-Length.</summary>
    public bool Chunked { get; init; }

    public Caller Caller { get; init; } = Caller.Visitor;

    /// <summary>The Authorization header, replacing the admin key when set.</summary>
    public string? Authorization { get; init; }

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public override string ToString() => Name;

    public HttpRequestMessage ToMessage(string pollId, string siteKey)
    {
        var message = new HttpRequestMessage(Method, Path.Replace("{poll}", pollId, StringComparison.Ordinal));
        if (Body is not null)
        {
            HttpContent content = Chunked ? new StreamContent(new MemoryStream(Body)) : new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }

            message.Content = content;
        }

        if (Authorization is not null)
        {
            message.Headers.TryAddWithoutValidation("Authorization", Authorization.Replace("{site}", siteKey, StringComparison.Ordinal));
        }
        else if (Caller == Caller.Admin)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", QuickPollServerFactory.AdminKey);
        }

        foreach (var (name, value) in Headers)
        {
            message.Headers.TryAddWithoutValidation(name, value.Replace("{site}", siteKey, StringComparison.Ordinal));
        }

        return message;
    }

    public static byte[] Utf8(string json) => Encoding.UTF8.GetBytes(json);

    /// <summary>Bytes as given, for what UTF-8 text cannot spell (invalid sequences, a BOM).</summary>
    public static byte[] Bytes(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
