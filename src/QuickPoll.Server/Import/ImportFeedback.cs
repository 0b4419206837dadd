using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Privacy;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Import;

/// <summary>
/// Stores earlier answers and comments with their original dates, counted like new ones, whole or not at all, in
/// slices: each slice is one write of its own, so live submissions wait for one slice at most, never the whole import.
/// </summary>
/// <remarks>
/// Every row an import stores carries its id. When a slice is refused (a visitor who answered meanwhile, say) the slices
/// before it are removed again and uncounted; an import a crash cut short is removed by the hourly clean-up
/// (<see cref="RemoveAbandonedImports"/>), so nothing half-imported stays.
/// </remarks>
internal static class ImportFeedback
{
    /// <summary>The most items one slice stores in one transaction.</summary>
    public const int SliceSize = 250;

    /// <summary>An import still running after this long was cut short by a crash.</summary>
    public static readonly TimeSpan AbandonedAfter = TimeSpan.FromMinutes(10);

    /// <param name="writes">The write queue.</param>
    /// <param name="import">The valid import.</param>
    /// <param name="options">The server's options (hold rules).</param>
    /// <param name="afterSlice">Runs after each committed slice of answers, given how many answers are stored so far.</param>
    public static async Task<FeedbackImportResult> RunAsync(
        WriteQueue writes, FeedbackImport import, QuickPollServerOptions options, Func<int, Task>? afterSlice = null)
    {
        var answers = import.Answers ?? [];
        var comments = import.Comments ?? [];

        // Not the request's token: once begun, an import runs to its end or is undone, whoever stops waiting.
        var importId = await writes.WriteAsync(new BeginImport(answers), CancellationToken.None);
        try
        {
            for (var start = 0; start < answers.Count; start += SliceSize)
            {
                await writes.WriteAsync(new ImportAnswers(importId, answers, start, Math.Min(SliceSize, answers.Count - start)), CancellationToken.None);
                if (afterSlice is not null)
                {
                    await afterSlice(start + Math.Min(SliceSize, answers.Count - start));
                }
            }

            for (var start = 0; start < comments.Count; start += SliceSize)
            {
                await writes.WriteAsync(new ImportComments(importId, comments, start, Math.Min(SliceSize, comments.Count - start), options), CancellationToken.None);
            }

            await writes.WriteAsync(new FinishImport(importId), CancellationToken.None);
        }
        catch
        {
            await writes.WriteAsync(new UndoImport(importId), CancellationToken.None);
            throw;
        }

        return new FeedbackImportResult(answers.Count, comments.Count);
    }

    /// <summary>
    /// Refuses an answer whose visitor already has one of its kind about its target, in the import or stored: a visitor gives
    /// one answer per scale and target, as for live answers.
    /// </summary>
    internal static void RefuseRepeatedVisitors(WriteBatch batch, IReadOnlyList<ImportedAnswer> answers, int start, int count, bool withinImport)
    {
        var seen = new HashSet<(string, FeedbackKind, string)>();
        for (var i = start; i < start + count; i++)
        {
            if (answers[i] is not { VisitorId: { } visitor } answer)
            {
                continue;
            }

            var repeated = withinImport && !seen.Add((answer.Target, answer.Kind, visitor));
            if (!repeated)
            {
                using var reader = batch.Query(
                    "SELECT 1 FROM answers WHERE target = @target AND kind = @kind AND visitor_id = @visitor;",
                    ("@target", answer.Target), ("@kind", FeedbackKindNames.Of(answer.Kind)), ("@visitor", visitor));
                repeated = reader.Read();
            }

            if (repeated)
            {
                throw new WriteRejectedException(
                    StatusCodes.Status409Conflict, $"answers[{i}].visitorId", "This visitor already has an answer of this kind about this target; a visitor gives one answer per scale and target.");
            }
        }
    }
}

/// <summary>Checks the whole import against what is stored, then records it as running; returns its id.</summary>
internal sealed class BeginImport(IReadOnlyList<ImportedAnswer> answers) : WriteOperation<long>
{
    private long _id;

    public override void Execute(WriteBatch batch)
    {
        ImportFeedback.RefuseRepeatedVisitors(batch, answers, 0, answers.Count, withinImport: true);
        _id = (long)batch.Scalar("INSERT INTO imports (status, created_at) VALUES ('running', @at) RETURNING id;", ("@at", batch.Now))!;
    }

    public override void Reset() => _id = 0;

    protected override long GetResult() => _id;
}

/// <summary>Stores one slice of an import's answers and counts them.</summary>
internal sealed class ImportAnswers(long importId, IReadOnlyList<ImportedAnswer> answers, int start, int count) : WriteOperation<int>
{
    public override void Execute(WriteBatch batch)
    {
        // A visitor may have answered live since the import began.
        ImportFeedback.RefuseRepeatedVisitors(batch, answers, start, count, withinImport: false);
        for (var i = start; i < start + count; i++)
        {
            var answer = answers[i];
            var kind = FeedbackKindNames.Of(answer.Kind);
            batch.Execute(
                s_insert,
                [("@target", answer.Target), ("@kind", kind), ("@score", answer.Score), ("@at", WriteBatch.Stamp(answer.CreatedAt)), ("@visitor", answer.VisitorId),
                    ("@import", importId), .. ContextColumns.Bind(answer)]);
            AnswerCounters.Move(batch, answer.Target, kind, answer.Score, AnswerContext.Of(answer), +1);
        }
    }

    protected override int GetResult() => count;

    private static readonly string s_insert = $"""
        INSERT INTO answers (target, kind, score, created_at, visitor_id, {ContextColumns.List}, verified, import_id)
        VALUES (@target, @kind, @score, @at, @visitor, {ContextColumns.Parameters}, 0, @import);
        """;
}

/// <summary>Stores one slice of an import's comments.</summary>
internal sealed class ImportComments(long importId, IReadOnlyList<ImportedComment> comments, int start, int count, QuickPollServerOptions options) : WriteOperation<int>
{
    public override void Execute(WriteBatch batch)
    {
        for (var i = start; i < start + count; i++)
        {
            var comment = comments[i];
            var (status, reason) = comment.Status switch
            {
                null => HoldRules.ReasonToHold(comment.Text, comment.DisplayName, options) is { } rule ? (CommentStatus.Held, rule) : (CommentStatus.Published, null),
                CommentStatus.Held => (CommentStatus.Held, HoldRules.Moderation),
                { } given => (given, (string?)null),
            };
            CommentStore.Insert(
                batch, comment.Target, comment, comment.Text, comment.Rating, comment.DisplayName, status, reason, verified: false,
                WriteBatch.Stamp(comment.CreatedAt), importId);
        }
    }

    protected override int GetResult() => count;

    private static readonly string s_insert = $"""
        INSERT INTO answers (target, kind, score, created_at, visitor_id, {ContextColumns.List}, verified, import_id)
        VALUES (@target, @kind, @score, @at, @visitor, {ContextColumns.Parameters}, 0, @import);
        """;
}

/// <summary>Marks an import whole.</summary>
internal sealed class FinishImport(long importId) : WriteOperation<bool>
{
    public override void Execute(WriteBatch batch) =>
        batch.Execute("UPDATE imports SET status = 'done', finished_at = @at WHERE id = @id;", ("@id", importId), ("@at", batch.Now));

    protected override bool GetResult() => true;
}

/// <summary>Removes and uncounts everything an unfinished import stored.</summary>
internal sealed class UndoImport(long importId) : WriteOperation<bool>
{
    public override void Execute(WriteBatch batch) => Undo(batch, importId);

    protected override bool GetResult() => true;

    internal static void Undo(WriteBatch batch, long importId)
    {
        FeedbackRemoval.RemoveAnswers(batch, "import_id = @import", ("@import", importId));
        FeedbackRemoval.RemoveComments(batch, "import_id = @import", ("@import", importId));
        batch.Execute("DELETE FROM imports WHERE id = @import;", ("@import", importId));
    }
}

/// <summary>Removes the imports a crash cut short: those still running long after they began.</summary>
internal sealed class RemoveAbandonedImports(DateTimeOffset startedBefore) : WriteOperation<int>
{
    private int _removed;

    public override void Execute(WriteBatch batch)
    {
        var abandoned = new List<long>();
        using (var reader = batch.Query(
            "SELECT id FROM imports WHERE status = 'running' AND created_at < @before;", ("@before", WriteBatch.Stamp(startedBefore))))
        {
            while (reader.Read())
            {
                abandoned.Add(reader.GetInt64(0));
            }
        }

        foreach (var id in abandoned)
        {
            UndoImport.Undo(batch, id);
        }

        _removed = abandoned.Count;
    }

    public override void Reset() => _removed = 0;

    protected override int GetResult() => _removed;
}
