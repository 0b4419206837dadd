using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace QuickPoll.Server.Http;

/// <summary>
/// The per-address limits of the public API: a token bucket per site and client address for submissions and another for
/// reads. Buckets live in memory and are dropped once idle; no address is ever written anywhere.
/// </summary>
/// <remarks>
/// An endpoint filter rather than ASP.NET Core's rate limiting middleware, so that <c>MapQuickPoll()</c> is limited
/// without the host calling <c>AddRateLimiter()</c>/<c>UseRateLimiter()</c>; the host may still add its own policies.
/// Memory stays bounded however many addresses send: the framework's partitioned limiter drops a bucket once it has
/// refilled and stayed unused for ten seconds, so only recently active addresses are held.
/// </remarks>
internal sealed class ClientRateLimits : IDisposable
{
    private readonly PartitionedRateLimiter<HttpContext>? _submissions;
    private readonly PartitionedRateLimiter<HttpContext>? _reads;

    public ClientRateLimits(IOptions<QuickPollServerOptions> options)
    {
        var limits = options.Value.RateLimit;
        _submissions = Create(limits.SubmissionsPerMinute, limits.SubmissionBurst);
        _reads = Create(limits.ReadsPerMinute, limits.ReadBurst);
    }

    /// <summary>The limiter of a request's kind (reads for GET and HEAD, submissions otherwise), or null when that limit is off.</summary>
    public PartitionedRateLimiter<HttpContext>? For(HttpRequest request) =>
        HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method) ? _reads : _submissions;

    public void Dispose()
    {
        _submissions?.Dispose();
        _reads?.Dispose();
    }

    /// <summary>
    /// The bucket an address counts against: IPv4 addresses one by one, IPv6 ones per /64 (what one subscriber gets);
    /// null, meaning unlimited, for loopback and unknown addresses.
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

        if (IPAddress.IsLoopback(address))
        {
            return null;
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

    private static PartitionedRateLimiter<HttpContext>? Create(int? perMinute, int burst)
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
        // Per site and address: one site's busy visitors behind a shared address do not use up another site's share.
        return PartitionedRateLimiter.Create<HttpContext, string>(http =>
            PartitionOf(http.Connection.RemoteIpAddress) is { } partition
                ? RateLimitPartition.GetTokenBucketLimiter($"{SiteAccess.SiteOf(http)?.Id} {partition}", _ => bucket)
                : RateLimitPartition.GetNoLimiter(""));
    }
}

/// <summary>Refuses a public API request over its address's limit with 429, <c>Retry-After</c> and a problem, before the handler reads anything.</summary>
internal sealed class RateLimitFilter(ClientRateLimits limits) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        if (limits.For(http.Request) is not { } limiter)
        {
            return await next(context);
        }

        using var lease = limiter.AttemptAcquire(http);
        if (lease.IsAcquired)
        {
            return await next(context);
        }

        var wait = lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter) ? retryAfter : TimeSpan.FromSeconds(1);
        var seconds = Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        return Problems.TooManyRequests(seconds);
    }
}
