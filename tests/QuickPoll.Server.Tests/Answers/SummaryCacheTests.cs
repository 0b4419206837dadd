using QuickPoll.Contracts;
using QuickPoll.Server.Answers;

namespace QuickPoll.Server.Tests.Answers;

/// <summary>The in-memory summaries: only targets with answers, never more than their capacity, never stale.</summary>
public sealed class SummaryCacheTests
{
    private static FeedbackSummary Stars(string target, params long[] distribution) =>
        FeedbackSummary.FromDistribution(target, FeedbackKind.Stars, distribution);

    [Fact]
    public void A_target_without_answers_is_read_each_time_and_never_held()
    {
        var cache = new SummaryCache(enabled: true);
        var reads = 0;

        for (var i = 0; i < 3; i++)
        {
            var summary = cache.GetOrRead("made-up", FeedbackKind.Stars, () => { reads++; return Stars("made-up", 0, 0, 0, 0, 0); });
            Assert.Equal(0, summary.Count);
        }

        Assert.Equal(3, reads);
        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGetCommitted("made-up", FeedbackKind.Stars, out _));
    }

    [Fact]
    public void A_target_with_answers_is_read_once()
    {
        var cache = new SummaryCache(enabled: true);
        var reads = 0;

        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(2, cache.GetOrRead("mug", FeedbackKind.Stars, () => { reads++; return Stars("mug", 0, 0, 0, 1, 1); }).Count);
        }

        Assert.Equal(1, reads);
        Assert.True(cache.TryGetCommitted("mug", FeedbackKind.Stars, out var held));
        Assert.Equal(2, held.Count);
    }

    [Fact]
    public void A_full_cache_drops_entries_not_read_lately_first()
    {
        var cache = new SummaryCache(enabled: true, capacity: 100);
        for (var i = 0; i < 100; i++)
        {
            cache.Committed($"t{i}", FeedbackKind.Stars, Stars($"t{i}", 1, 0, 0, 0, 0));
        }

        // Read the first ten since they were stored: they get a second chance over the ninety never read.
        for (var i = 0; i < 10; i++)
        {
            cache.GetOrRead($"t{i}", FeedbackKind.Stars, () => throw new InvalidOperationException("held: must not be read"));
        }

        for (var i = 100; i < 1_000; i++)
        {
            cache.Committed($"t{i}", FeedbackKind.Stars, Stars($"t{i}", 1, 0, 0, 0, 0));
            Assert.InRange(cache.Count, 1, 100);
            if (i == 100)
            {
                Assert.All(Enumerable.Range(0, 10), n => Assert.True(cache.TryGetCommitted($"t{n}", FeedbackKind.Stars, out _)));
            }
        }

        for (var i = 1_000; i < 2_000; i++)
        {
            cache.GetOrRead($"t{i}", FeedbackKind.Stars, () => Stars("read", 0, 1, 0, 0, 0));
            Assert.InRange(cache.Count, 1, 100);
        }
    }

    [Fact]
    public void A_read_that_began_before_a_commit_is_not_kept_even_if_the_commit_s_entry_was_dropped_meanwhile()
    {
        var cache = new SummaryCache(enabled: true, capacity: 1);
        var old = Stars("mug", 0, 0, 0, 0, 1);
        var committed = Stars("mug", 0, 0, 0, 0, 2);

        // The reader reads the counters, then a commit refreshes the entry and another commit's entry pushes it out,
        // all before the reader gets to store what it read.
        var served = cache.GetOrRead("mug", FeedbackKind.Stars, () =>
        {
            cache.Committed("mug", FeedbackKind.Stars, committed);
            cache.Committed("tee", FeedbackKind.Stars, Stars("tee", 1, 0, 0, 0, 0));
            return old;
        });

        Assert.Same(old, served);
        Assert.False(cache.TryGetCommitted("mug", FeedbackKind.Stars, out _));
        Assert.Equal(2, cache.GetOrRead("mug", FeedbackKind.Stars, () => committed).Count);
    }

    [Fact]
    public void A_commit_that_leaves_no_answers_forgets_the_target()
    {
        var cache = new SummaryCache(enabled: true);
        cache.Committed("mug", FeedbackKind.Stars, Stars("mug", 1, 0, 0, 0, 0));
        cache.Committed("mug", FeedbackKind.Stars, Stars("mug", 0, 0, 0, 0, 0));

        Assert.Equal(0, cache.Count);
        Assert.False(cache.TryGetCommitted("mug", FeedbackKind.Stars, out _));
    }
}
