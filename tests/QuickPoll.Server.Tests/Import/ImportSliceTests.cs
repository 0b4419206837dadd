using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using QuickPoll.Client;
using QuickPoll.Contracts;
using QuickPoll.Server.Import;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Import;

public sealed class SqliteImportSliceTests() : ImportSliceTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlImportSliceTests() : ImportSliceTests(QuickPollStorageProvider.PostgreSql);

/// <summary>A large import is stored in slices, so live writes wait for one slice at most; still whole or not at all.</summary>
public abstract class ImportSliceTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset LastMonth = DateTimeOffset.UtcNow.AddDays(-20);

    [Fact]
    public async Task Other_writes_are_stored_between_the_slices_of_a_large_import()
    {
        var writes = Factory.Services.GetRequiredService<WriteQueue>();
        var import = Answers(ImportLimits.MaxItems);
        var running = Factory.CreateAdminSdk().ImportAsync(import);

        // Writes queued while the import runs see it part-way: between slices, never inside one.
        var seen = new List<long>();
        while (!running.IsCompleted)
        {
            seen.Add(await writes.WriteAsync(new CountImported(), default).WaitAsync(TimeSpan.FromSeconds(30)));
        }

        Assert.Equal(new FeedbackImportResult(ImportLimits.MaxItems, 0), await running);
        Assert.Contains(seen, count => count is > 0 and < ImportLimits.MaxItems);
        Assert.All(seen, count => Assert.Equal(0, count % ImportFeedback.SliceSize));
        Assert.Equal(ImportLimits.MaxItems, (await Factory.CreateSdk().GetSummaryAsync("lamp-003")).Count);
    }

    [Fact]
    public async Task A_slice_refused_midway_removes_the_slices_before_it_and_keeps_the_live_answer()
    {
        var writes = Factory.Services.GetRequiredService<WriteQueue>();
        var options = Factory.Services.GetRequiredService<IOptions<QuickPollServerOptions>>().Value;
        var answers = Answers(1_000).Answers.ToList();
        answers[999] = answers[999] with { VisitorId = "visitor-late-0001" };
        var sdk = Factory.CreateSdk();

        var refusal = await Assert.ThrowsAsync<WriteRejectedException>(() => ImportFeedback.RunAsync(
            writes, new FeedbackImport { Answers = answers }, options,
            afterSlice: async stored =>
            {
                if (stored == ImportFeedback.SliceSize * 2)
                {
                    // The visitor answers on the shop while the import is half-way.
                    await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("lamp-003", 1) { VisitorId = "visitor-late-0001" });
                }
            }));

        Assert.Equal("answers[999].visitorId", refusal.Field);
        var summary = await sdk.GetSummaryAsync("lamp-003");
        Assert.Equal(1, summary.Count);
        Assert.Equal(1.0, summary.Average);
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM answers WHERE import_id IS NOT NULL;"));
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM imports;"));
        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
    }

    [Fact]
    public async Task An_import_a_crash_cut_short_is_removed_by_the_clean_up()
    {
        var writes = Factory.Services.GetRequiredService<WriteQueue>();
        var import = Answers(300);
        var comments = new List<ImportedComment> { new("lamp-003", "Imported before the crash.", LastMonth) };
        // What a crashed import leaves: begun, one slice of answers and comments stored, never finished.
        var id = await writes.WriteAsync(new BeginImport(import.Answers), default);
        await writes.WriteAsync(new ImportAnswers(id, import.Answers, 0, ImportFeedback.SliceSize), default);
        await writes.WriteAsync(new ImportComments(id, comments, 0, 1, new QuickPollServerOptions()), default);
        await Factory.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("lamp-003", 4));
        Assert.Equal(ImportFeedback.SliceSize + 1, (await Factory.CreateSdk().GetSummaryAsync("lamp-003")).Count);

        // Not yet: it may still be running.
        Assert.Equal(0, await writes.WriteAsync(new RemoveAbandonedImports(DateTimeOffset.UtcNow - ImportFeedback.AbandonedAfter), default));
        Assert.Equal(1, await writes.WriteAsync(new RemoveAbandonedImports(DateTimeOffset.UtcNow.AddMinutes(1)), default));

        var summary = await Factory.CreateSdk().GetSummaryAsync("lamp-003");
        Assert.Equal(1, summary.Count);
        Assert.Equal(4.0, summary.Average);
        Assert.Empty((await Factory.CreateSdk().GetCommentsAsync("lamp-003")).Items);
        Assert.Equal(0L, Count("SELECT COUNT(*) FROM imports;"));
        CounterRecount.AssertCountersMatchTables(Factory.Services.GetRequiredService<Database>());
    }

    private static FeedbackImport Answers(int count) => new()
    {
        Answers = [.. Enumerable.Range(0, count).Select(i => new ImportedAnswer("lamp-003", FeedbackKind.Stars, i % 5 + 1, LastMonth.AddMinutes(i))
        {
            VisitorId = $"visitor-{i:00000}",
            Segment = i % 3 == 0 ? "returning" : "first-time",
        })],
    };

    private long Count(string sql) => Factory.Services.GetRequiredService<Database>().Read(query =>
    {
        using var reader = query(sql);
        reader.Read();
        return Convert.ToInt64(reader.GetValue(0), System.Globalization.CultureInfo.InvariantCulture);
    });

    /// <summary>Counts, inside the writer, the answers imports have stored so far.</summary>
    private sealed class CountImported : WriteOperation<long>
    {
        private long _count;

        public override void Execute(WriteBatch batch) =>
            _count = Convert.ToInt64(batch.Scalar("SELECT COUNT(*) FROM answers WHERE import_id IS NOT NULL;"), System.Globalization.CultureInfo.InvariantCulture);

        protected override long GetResult() => _count;
    }
}
