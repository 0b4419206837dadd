using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace QuickPoll.Server.Http;

/// <summary>
/// The per-address limits of the public API: a token bucket per site and client address for submissions and another for
/// reads, whichever door a call comes in by (HTTP, or the in-process SDK with the visitor's own address). Buckets live in
/// memory and are dropped once idle; no address is ever written anywhere.
/// </summary>
/// <remarks>
/// An endpoint filter rather than ASP.NET Core's rate limiting middleware, so that <c>MapQuickPoll()</c> is limited
/// without the host calling <c>AddRateLimiter()</c>/<c>UseRateLimiter()</c>; the host may still add its own policies.
/// Memory stays bounded however many addresses send: the framework's partitioned limiter drops a bucket once it has
/// refilled and stayed unused for ten seconds, so only recently active addresses are held.
/// </remarks>
internal sealed class ClientRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<string>? _submissions;
    private readonly PartitionedRateLimiter<string>? _reads;

    public ClientRateLimits(IOptions<QuickPollServerOptions> options)
    {
        var limits = options.Value.RateLimit;
        _submissions = Create(limits.SubmissionsPerMinute, limits.SubmissionBurst);
        _reads = Create(limits.ReadsPerMinute, limits.ReadBurst);
    }

    /// <summary>Takes one call from the bucket of <paramref name="address"/> (and the site), unless that bucket is empty.</summary>
    /// <param name="submission">A submission (answer, vote, comment), or else a read.</param>
    /// <param name="siteId">The site the call came for; none for the shop's own pages.</param>
    /// <param name="address">The caller's address; an unknown one is not limited.</param>
    /// <param name="retryAfterSeconds">When refused, the seconds until the bucket has a call again.</param>
    /// <returns>Whether the call may go ahead.</returns>
    public bool TryAcquire(bool submission, string? siteId, IPAddress? address, out int retryAfterSeconds)
    {
        retryAfterSeconds = 0;
        if ((submission ? _submissions : _reads) is not { } limiter || PartitionOf(address) is not { } partition)
        {
            return true;
        }

        // Per site and address: one site's busy visitors behind a shared address do not use up another site's share.
        using var lease = limiter.AttemptAcquire($"{siteId} {partition}");
        if (lease.IsAcquired)
        {
            return true;
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        retryAfterSeconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        return false;
    }

    public void Dispose()
    {
        _submissions?.Dispose();
        _reads?.Dispose();
    }

    /// <summary>
    /// The bucket an address counts against: IPv4 addresses one by one, IPv6 ones per /64 (what one subscriber gets);
    /// null, meaning unlimited, for an unknown address. Loopback counts like any other: behind a same-host proxy it is every
    /// visitor's, and the shop's own pages call in process with each visitor's address.
    /// </summary>
    internal static string? PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return null;
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return $"{new IPAddress(bytes)}/64";
    }

    private static PartitionedRateLimiter<string>? Create(int? perMinute, int burst)
    {
        if (perMinute is not > 0)
        {
            return null;
        }

        // Refill at least a second's worth at a time, so the shared 100 ms replenishing timer's jitter hardly matters.
        var tokensPerPeriod = (int)Math.Ceiling(perMinute.Value / 60.0);
        var bucket = new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = tokensPerPeriod,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1) * tokensPerPeriod / perMinute.Value,
            QueueLimit = 0,
            AutoReplenishment = false,
        };
        return PartitionedRateLimiter.Create<string, string>(key => RateLimitPartition.GetTokenBucketLimiter(key, _ => bucket));
    }
}

/// <summary>Refuses a public API request over its address's limit with 429, <c>Retry-After</c> and a problem, before the handler reads anything.</summary>
internal sealed class RateLimitFilter(ClientRateLimits limits) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var submission = !HttpMethods.IsGet(http.Request.Method) && !HttpMethods.IsHead(http.Request.Method);
        if (limits.TryAcquire(submission, SiteAccess.SiteOf(http)?.Id, http.Connection.RemoteIpAddress, out var seconds))
        {
            return next(context);
        }

        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return ValueTask.FromResult<object?>(Problems.TooManyRequests(seconds));
    }
}
