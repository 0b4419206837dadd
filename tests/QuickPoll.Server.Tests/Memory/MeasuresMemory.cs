namespace QuickPoll.Server.Tests.Memory;

/// <summary>
/// Tests that measure the process's heap: run alone, after the others, so no other test's allocations count.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MeasuresMemory
{
    public const string Name = "Memory";
}
