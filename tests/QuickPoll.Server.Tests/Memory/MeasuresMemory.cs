namespace QuickPoll.Server.Tests.Memory;

/// <summary>
/// Tests that measure the process's heap: run alone, after the others, so no other test's allocations count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemory
{
    public const string Name = "Memory";
}

/// <summary>The heap left after full, blocking collections.</summary>
internal static class RetainedHeap
{
    public static long Bytes()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Once what other tests left behind (hosts still stopping, timers) has settled: two readings apart by little.</summary>
    public static async Task<long> SettledBytesAsync()
    {
        var last = Bytes();
        for (var i = 0; i < 20; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250));
            var now = Bytes();
            if (Math.Abs(now - last) < 256 * 1024)
            {
                return now;
            }

            last = now;
        }

        return last;
    }
}
