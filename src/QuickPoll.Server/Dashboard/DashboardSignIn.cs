using System.Security.Cryptography;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Dashboard;

/// <summary>
/// The dashboard's own sign-in when the host put no authorization policy on it: the admin key, once, for an
/// HttpOnly, SameSite=Strict cookie scoped to the dashboard's path that carries a Data Protection token valid for 8 hours.
/// The token holds the key, encrypted, and every request checks it again, so a revoked key ends its sign-ins at once.
/// </summary>
internal sealed class DashboardSignIn(IDataProtectionProvider dataProtection, AdminKeys adminKeys) : IDisposable
{
    public const string CookieName = "quickpoll_dashboard";
    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(8);

    private readonly ITimeLimitedDataProtector _protector =
        dataProtection.CreateProtector("QuickPoll.Server.Dashboard.SignIn").ToTimeLimitedDataProtector();

    // Ten tries a minute per client address: enough for typos, far too few to guess a key.
    private readonly PartitionedRateLimiter<HttpContext> _attempts = PartitionedRateLimiter.Create<HttpContext, string>(http =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = 10, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 }));

    /// <summary>Whether the host app governs access (its policy is on the endpoint), so no sign-in is needed.</summary>
    public static bool HostGoverns(HttpContext http) => http.GetEndpoint()?.Metadata.GetMetadata<IAuthorizeData>() is not null;

    public bool IsSignedIn(HttpContext http)
    {
        if (!http.Request.Cookies.TryGetValue(CookieName, out var token) || string.IsNullOrEmpty(token))
        {
            return false;
        }

        try
        {
            return adminKeys.Accepts(_protector.Unprotect(token, out _));
        }
        catch (CryptographicException)
        {
            return false; // expired, tampered with, or from keys this app no longer has
        }
    }

    /// <summary>Takes one login attempt from the client's allowance; <see langword="false"/> when it is used up.</summary>
    public bool TryAttempt(HttpContext http)
    {
        using var lease = _attempts.AttemptAcquire(http);
        return lease.IsAcquired;
    }

    public void SignIn(HttpContext http, string path, string adminKey) =>
        http.Response.Cookies.Append(CookieName, _protector.Protect(adminKey, DateTimeOffset.UtcNow + Lifetime), Options(http, path));

    public static void SignOut(HttpContext http, string path) => http.Response.Cookies.Delete(CookieName, Options(http, path));

    public void Dispose() => _attempts.Dispose();

    private static CookieOptions Options(HttpContext http, string path) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = http.Request.IsHttps,
        Path = path,
        IsEssential = true,
        MaxAge = Lifetime,
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
    /// <summary>The dashboard's root, for example <c>/quickpoll</c>: links start here and the cookie is scoped to it.</summary>
    public string Root { get; } = (PathBase + new PathString(Prefix.TrimEnd('/'))).Value is { Length: > 0 } root ? root : "/";

    public string To(string page) => Root.TrimEnd('/') + page;

    public string Login(string? returnUrl) =>
        returnUrl is null ? To("/login") : To("/login") + "?returnUrl=" + Uri.EscapeDataString(returnUrl);

    /// <summary>
    /// The address to go back to after login: only the dashboard's own pages, never another site
    /// (<c>//evil.example</c>) or another part of the host app.
    /// </summary>
    public string SafeReturn(string? returnUrl)
    {
        // Dot segments, even percent-encoded ones that browsers decode, could climb out of the dashboard's path.
        if (string.IsNullOrEmpty(returnUrl) || returnUrl.Contains('\\', StringComparison.Ordinal) || returnUrl.StartsWith("//", StringComparison.Ordinal)
            || returnUrl.Contains("://", StringComparison.Ordinal) || returnUrl.Any(char.IsControl)
            || returnUrl.Contains("..", StringComparison.Ordinal) || returnUrl.Contains("%2e", StringComparison.OrdinalIgnoreCase))
        {
            return Root;
        }

        var root = Root.TrimEnd('/');
        var path = returnUrl.Split('?', '#')[0];
        return path == root || path == root + "/" || path.StartsWith(root + "/", StringComparison.Ordinal)
            ? returnUrl
            : Root;
    }
}
