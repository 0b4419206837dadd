using System.Net;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Tests.Memory;

/// <summary>
/// One token bucket per client address: an attacker with many addresses fills memory only for as long as the buckets
/// refill, since the framework's partitioned limiter drops a bucket some seconds after it is full and idle.
/// </summary>
[Collection(MeasuresMemory.Name)]
public sealed class RateLimitPartitionMemoryTests
{
    [Fact]
    public async Task Buckets_of_addresses_that_stopped_sending_are_dropped()
    {
        using var limits = new ClientRateLimits(Options.Create(new QuickPollServerOptions()));
        var before = await RetainedHeap.SettledBytesAsync();

        // 30,000 addresses (IPv6 /64s, each its own bucket) send one submission each.
        for (var i = 0; i < 30_000; i++)
        {
            var address = IPAddress.Parse($"2001:db8:{i >> 16:x}:{i & 0xffff:x}::1");
            Assert.True(limits.TryAcquire(submission: true, siteId: null, address, out _));
        }

        var filled = RetainedHeap.Bytes() - before;
        Assert.True(filled > 2 * 1024 * 1024, $"30,000 buckets should take megabytes; measured {filled} bytes.");

        // A bucket refills within a second here, and is dropped once idle for ten more.
        var deadline = DateTime.UtcNow.AddSeconds(40);
        long left;
        do
        {
            await Task.Delay(TimeSpan.FromSeconds(2));
            left = RetainedHeap.Bytes() - before;
        }
        while (left > filled / 4 && DateTime.UtcNow < deadline);

        // What stays is the limiter's table at its peak size (a dictionary does not shrink), not the buckets.
        Assert.True(left <= filled / 4, $"Idle buckets still hold {left} of {filled} bytes.");
    }
}
