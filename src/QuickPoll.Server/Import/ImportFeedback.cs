using System.Globalization;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Import;

/// <summary>
/// Stores earlier answers and comments with their original dates, counted like new ones, all in one transaction:
/// an import is stored whole or not at all.
/// </summary>
internal sealed class ImportFeedback(FeedbackImport import, QuickPollServerOptions options) : WriteOperation<FeedbackImportResult>
{
    private FeedbackImportResult? _result;

    public override void Execute(WriteBatch batch)
    {
        var answers = import.Answers ?? [];
        var comments = import.Comments ?? [];
        RefuseRepeatedVisitors(batch, answers);

        foreach (var answer in answers)
        {
            var kind = FeedbackKindNames.Of(answer.Kind);
            var stage = AnswerContext.StageName(answer.JourneyStage);
            batch.Execute(
                """
                INSERT INTO answers (target, kind, score, created_at, visitor_id, segment, journey_stage, touchpoint, locale, page_path, verified)
                VALUES (@target, @kind, @score, @at, @visitor, @segment, @stage, @touchpoint, @locale, @path, 0);
                """,
                ("@target", answer.Target), ("@kind", kind), ("@score", answer.Score), ("@at", Stamp(answer.CreatedAt)), ("@visitor", answer.VisitorId),
                ("@segment", answer.Segment), ("@stage", stage), ("@touchpoint", answer.Touchpoint), ("@locale", answer.Locale), ("@path", answer.PagePath));
            AnswerCounters.Move(batch, answer.Target, kind, answer.Score, answer.Segment, stage, answer.Touchpoint, answer.Locale, +1);
        }

        foreach (var comment in comments)
        {
            var (status, reason) = comment.Status switch
            {
                null => HoldRules.ReasonToHold(comment.Text, comment.DisplayName, options) is { } rule ? (CommentStatus.Held, rule) : (CommentStatus.Published, null),
                CommentStatus.Held => (CommentStatus.Held, HoldRules.Moderation),
                { } given => (given, (string?)null),
            };
            CommentStore.Insert(batch, comment.Target, comment, comment.Text, comment.Rating, comment.DisplayName, status, reason, verified: false, Stamp(comment.CreatedAt));
        }

        _result = new FeedbackImportResult(answers.Count, comments.Count);
    }

    public override void Reset() => _result = null;

    protected override FeedbackImportResult GetResult() => _result!;

    // One answer per visitor and scale per target, as for live answers: checked before anything is written.
    private static void RefuseRepeatedVisitors(WriteBatch batch, IReadOnlyList<ImportedAnswer> answers)
    {
        var seen = new HashSet<(string, FeedbackKind, string)>();
        for (var i = 0; i < answers.Count; i++)
        {
            if (answers[i] is not { VisitorId: { } visitor } answer)
            {
                continue;
            }

            var repeated = !seen.Add((answer.Target, answer.Kind, visitor));
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

    private static string Stamp(DateTimeOffset time) => time.UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
}
