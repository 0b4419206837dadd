using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using QuickPoll.Server.Application;

namespace QuickPoll.Dashboard;

/// <summary>
/// The dashboard's own sign-in when the host put no authorization policy on it: the admin key, once, for a server-side
/// session of 8 hours. The HttpOnly, SameSite=Strict cookie, scoped to the dashboard's path and <c>Secure</c> outside
/// Development, holds only the session's random id; storage holds its hash. Every request looks the session up, so
/// logging out, logging out everywhere, revoking the key or changing the configured key ends it at once on every instance.
/// </summary>
internal sealed class DashboardSignIn(DashboardSessionStore sessions, IHostEnvironment environment) : IDisposable
{
    public const string CookieName = "quickpoll_dashboard";

    private const int SessionIdBytes = DashboardSessionStore.SessionIdBytes;

    // Ten wrong keys a minute per client address: enough for typos, far too few to guess a key.
    private readonly PartitionedRateLimiter<HttpContext> _attempts = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Whether the host app governs access (its policy is on the endpoint), so no sign-in is needed.</summary>
    public static bool HostGoverns(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null;

    public bool IsSignedIn(HttpContext http) => SessionId(http) is { } id && sessions.IsOpen(id);

    /// <summary>Whether the client may try a key now; <see langword="false"/> once its wrong keys used up the allowance.</summary>
    public bool MayAttempt(HttpContext http)
    {
        using var lease = _attempts.AttemptAcquire(http, permitCount: 0);
        return lease.IsAcquired;
    }

    /// <summary>Counts a wrong key against the client's allowance; a right one costs nothing, so staff who log in often are never locked out.</summary>
    public void CountFailure(HttpContext http)
    {
        using var lease = _attempts.AttemptAcquire(http);
    }

    /// <summary>Opens a session for the admin key <paramref name="key"/> and gives its id to the browser; <see langword="false"/> for a wrong key.</summary>
    public async Task<bool> SignInAsync(HttpContext http, string path, string key)
    {
        if (await sessions.OpenAsync(key, http.RequestAborted) is not { } id)
        {
            return false;
        }

        http.Response.Cookies.Append(CookieName, Base64Url.EncodeToString(id), Options(http, path));
        return true;
    }

    /// <summary>Ends this browser's session, or with <paramref name="everywhere"/> every session, and clears the cookie.</summary>
    public async Task SignOutAsync(HttpContext http, string path, bool everywhere)
    {
        var id = SessionId(http);
        if (everywhere || id is not null)
        {
            await sessions.EndAsync(everywhere ? null : id, http.RequestAborted);
        }

        http.Response.Cookies.Delete(CookieName, Options(http, path));
    }

    public void Dispose() => _attempts.Dispose();

    /// <summary>The session id the cookie holds, or <see langword="null"/> for no cookie or anything that is not one.</summary>
    private static byte[]? SessionId(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var value) || value is null || value.Length != Base64Url.GetEncodedLength(SessionIdBytes))
        {
            return null;
        }

        var id = new byte[SessionIdBytes];
        return Base64Url.IsValid(value) && Base64Url.TryDecodeFromChars(value, id, out var written) && written == SessionIdBytes ? id : null;
    }

    private CookieOptions Options(HttpContext http, string path) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        // Development runs on plain http (the demo, tests); everywhere else the cookie never travels unencrypted.
        Secure = http.Request.IsHttps || !environment.IsDevelopment(),
        Path = path,
        IsEssential = true,
        MaxAge = DashboardSessionStore.Lifetime,
    };
}

/// <summary>Sends a request without the dashboard cookie (and without the host's policy) to the login page.</summary>
internal sealed class DashboardAccess(string prefix) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (DashboardSignIn.HostGoverns(http) || http.RequestServices.GetRequiredService<DashboardSignIn>().IsSignedIn(http))
        {
            return await next(context);
        }

        var paths = new DashboardPaths(http.Request.PathBase, prefix);
        var back = http.Request.Path + http.Request.QueryString;
        return TypedResults.Redirect(paths.Login(HttpMethods.IsGet(http.Request.Method) ? back : null));
    }
}

/// <summary>The dashboard's own addresses, under the path base and the prefix it was mapped at.</summary>
internal sealed record DashboardPaths(PathString PathBase, string Prefix)
{
    private static readonly UTF8Encoding s_strictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The dashboard's root, for example <c>/quickpoll</c>: links start here and the cookie is scoped to it.</summary>
    public string Root { get; } = (PathBase + new PathString(Prefix.TrimEnd('/'))).Value is { Length: > 0 } root ? root : "/";

    public string To(string page) => Root.TrimEnd('/') + page;

    public string Login(string? returnUrl) =>
        returnUrl is null ? To("/login") : To("/login") + "?returnUrl=" + Uri.EscapeDataString(returnUrl);

    /// <summary>
    /// The address to go back to after login: only the dashboard's own pages, never another site
    /// (<c>//evil.example</c>) or another part of the host app. Anything else, malformed or not plain ASCII included,
    /// goes to the overview.
    /// </summary>
    public string SafeReturn(string? returnUrl)
    {
        // Printable ASCII only: a Location header can carry nothing else, and browsers read a backslash as a slash.
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Length > 2048 || !returnUrl.All(c => c is > ' ' and < '\x7F' and not '\\')
            || returnUrl.StartsWith("//", StringComparison.Ordinal) || returnUrl.Contains("://", StringComparison.Ordinal)
            || Decoded(returnUrl) is not { } decoded
            // Dot segments, even percent-encoded ones that browsers decode, could climb out of the dashboard's path.
            || decoded.Contains("..", StringComparison.Ordinal) || decoded.Contains("%2e", StringComparison.OrdinalIgnoreCase)
            || decoded.Contains('\\', StringComparison.Ordinal)
            || decoded.Contains("//", StringComparison.Ordinal) || decoded.Any(char.IsControl))
        {
            return Root;
        }

        var root = Root.TrimEnd('/');
        var path = returnUrl.Split('?', '#')[0];
        return path == root || path == root + "/" || path.StartsWith(root + "/", StringComparison.Ordinal)
            ? returnUrl
            : Root;
    }

    /// <summary>The address with its percent-escapes decoded, or <see langword="null"/> when one is malformed or not UTF-8.</summary>
    private static string? Decoded(string address)
    {
        var bytes = new List<byte>(address.Length);
        for (var i = 0; i < address.Length; i++)
        {
            if (address[i] != '%')
            {
                bytes.Add((byte)address[i]);
            }
            else if (i + 2 < address.Length && byte.TryParse(address.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
            {
                bytes.Add(b);
                i += 2;
            }
            else
            {
                return null;
            }
        }

        try
        {
            return s_strictUtf8.GetString([.. bytes]);
        }
        catch (DecoderFallbackException)
        {
            return null;
        }
    }
}
