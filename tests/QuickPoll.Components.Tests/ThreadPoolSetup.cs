using System.Runtime.CompilerServices;

namespace QuickPoll.Components.Tests;

/// <summary>
/// Raises the thread pool's minimum once for this assembly: tests that wait synchronously for a render (bUnit's
/// <c>WaitForAssertion</c>) block a pool thread each, and on a busy 2-core machine the renderer's dispatcher could
/// otherwise wait for a thread longer than the wait itself.
/// </summary>
internal static class ThreadPoolSetup
{
    [ModuleInitializer]
    internal static void RaiseMinThreads()
    {
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, Environment.ProcessorCount * 4), io);
    }
}
