using System.Net.Http.Headers;
using Microsoft.Extensions.Options;

namespace QuickPoll.Client;

/// <summary>Adds the admin key to every call of the admin API.</summary>
internal sealed class AdminKeyHandler(IOptions<QuickPollClientOptions> options) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (options.Value.AdminKey is { Length: > 0 } key)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        return base.SendAsync(request, cancellationToken);
    }
}
