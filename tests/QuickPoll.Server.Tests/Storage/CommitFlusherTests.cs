using Microsoft.Extensions.Logging.Abstractions;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Storage;

/// <summary>A committed group whose disk flush is done apart is answered only once that flush has returned.</summary>
public sealed class CommitFlusherTests
{
    [Fact]
    public async Task A_committed_write_is_acknowledged_only_after_its_flush()
    {
        using var disk = new GatedFlush();
        var write = new StoredText("kept");
        using (var flusher = new CommitFlusher(disk, NullLogger.Instance))
        {
            flusher.WaitForRoom();
            flusher.Acknowledge([write]);

            Assert.True(disk.Started.Wait(TimeSpan.FromSeconds(10)), "the flush should start");
            await Task.Delay(200);
            Assert.False(write.Completion.IsCompleted, "acknowledged before the flush returned");

            disk.Release.Set();
            Assert.Equal("kept", await write.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task A_failed_flush_fails_its_writes_and_a_rejection_is_still_told()
    {
        using var disk = new GatedFlush { Failure = new IOException("disk gone") };
        disk.Release.Set();
        var write = new StoredText("lost");
        var refused = new StoredText("refused");
        using (var flusher = new CommitFlusher(disk, NullLogger.Instance))
        {
            flusher.WaitForRoom();
            refused.Rejection = new WriteRejectedException(409, "id", "taken");
            flusher.Acknowledge([write, refused]);

            var failure = await Assert.ThrowsAsync<IOException>(() => write.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
            Assert.Equal("disk gone", failure.Message);
            await Assert.ThrowsAsync<WriteRejectedException>(() => refused.Completion.WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    [Fact]
    public async Task Stopping_flushes_and_answers_every_group_handed_over()
    {
        using var disk = new GatedFlush();
        disk.Release.Set();
        var writes = Enumerable.Range(0, 50).Select(i => new StoredText($"w{i}")).ToList();
        using (var flusher = new CommitFlusher(disk, NullLogger.Instance))
        {
            foreach (var write in writes)
            {
                flusher.WaitForRoom();
                flusher.Acknowledge([write]);
            }
        }

        Assert.All(writes, w => Assert.True(w.Completion.IsCompletedSuccessfully));
        Assert.InRange(disk.Flushes, 1, 50);
        Assert.True(disk.Disposed);
        Assert.Equal(writes.Select(w => w.Text), await Task.WhenAll(writes.Select(w => w.Completion)));
    }

    [Fact]
    public async Task While_two_groups_wait_for_a_slow_disk_the_writer_waits_before_its_next_group()
    {
        using var disk = new GatedFlush();
        var first = new StoredText("first");
        var second = new StoredText("second");
        using (var flusher = new CommitFlusher(disk, NullLogger.Instance))
        {
            flusher.WaitForRoom();
            flusher.Acknowledge([first]);
            Assert.True(disk.Started.Wait(TimeSpan.FromSeconds(10)), "the flush should start");
            flusher.WaitForRoom();
            flusher.Acknowledge([second]);

            var third = Task.Run(flusher.WaitForRoom);
            await Task.Delay(200);
            Assert.False(third.IsCompleted, "a third group ran while two waited for the disk");

            disk.Release.Set();
            await third.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(["first", "second"], await Task.WhenAll(first.Completion, second.Completion).WaitAsync(TimeSpan.FromSeconds(10)));
        }
    }

    private sealed class GatedFlush : CommitFlush
    {
        public ManualResetEventSlim Started { get; } = new();

        public ManualResetEventSlim Release { get; } = new();

        public Exception? Failure { get; init; }

        public int Flushes { get; private set; }

        public bool Disposed { get; private set; }

        public override void Flush()
        {
            Flushes++;
            Started.Set();
            Release.Wait();
            if (Failure is not null)
            {
                throw Failure;
            }
        }

        public override void Dispose()
        {
            Disposed = true;
            Started.Dispose();
            Release.Dispose();
        }
    }

    private sealed class StoredText(string text) : WriteOperation<string>
    {
        public string Text => text;

        public override void Execute(WriteBatch batch)
        {
        }

        protected override string GetResult() => text;
    }
}
