using Microsoft.AspNetCore.Http;
using QuickPoll.Server.Application;

namespace QuickPoll.Server.Http;

/// <summary>A public API request's caller: the site <see cref="SiteAccess"/> let in, the <c>Idempotency-Key</c> header as sent, the visitor's request.</summary>
internal static class HttpCaller
{
    public static Caller Of(HttpContext http) =>
        new(SiteAccess.SiteOf(http), http.Request.Headers.TryGetValue(IdempotencyKey.HeaderName, out var keys)
            // Several values are one key the use case refuses: ", " is no part of a valid key.
            ? string.Join(", ", keys.Select(k => k ?? ""))
            : null,
            http);
}
