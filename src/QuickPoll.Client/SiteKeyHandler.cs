using Microsoft.Extensions.Options;

namespace QuickPoll.Client;

/// <summary>Adds the site's public key to every call of the public API.</summary>
internal sealed class SiteKeyHandler(IOptions<QuickPollClientOptions> options) : DelegatingHandler
{
    public const string HeaderName = "X-QuickPoll-Site";

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.SiteKey is { Length: > 0 } key && !request.Headers.Contains(HeaderName))
        {
            request.Headers.Add(HeaderName, key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
