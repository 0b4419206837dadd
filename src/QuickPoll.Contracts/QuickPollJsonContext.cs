using System.Text.Json;
using System.Text.Json.Serialization;

namespace QuickPoll.Contracts;

/// <summary>
/// Source-generated JSON metadata for every contract, shared by server and SDK so both read and write
/// the same shapes without reflection.
/// </summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web, UseStringEnumConverter = true, MaxDepth = 16)]
[JsonSerializable(typeof(SubmitAnswerRequest))]
[JsonSerializable(typeof(AnswerReceipt))]
[JsonSerializable(typeof(FeedbackSummary))]
[JsonSerializable(typeof(SummaryFilter))]
[JsonSerializable(typeof(PollDefinition))]
[JsonSerializable(typeof(PollSummary))]
[JsonSerializable(typeof(IReadOnlyList<PollSummary>))]
[JsonSerializable(typeof(Poll))]
[JsonSerializable(typeof(PollVoteRequest))]
[JsonSerializable(typeof(PollResults))]
[JsonSerializable(typeof(PollResultsBreakdown))]
[JsonSerializable(typeof(SubmitCommentRequest))]
[JsonSerializable(typeof(CommentReceipt))]
[JsonSerializable(typeof(CommentPage))]
[JsonSerializable(typeof(ModerationPage))]
[JsonSerializable(typeof(ModerationDecision))]
[JsonSerializable(typeof(ModerationResult))]
[JsonSerializable(typeof(ResultsBreakdown))]
[JsonSerializable(typeof(InsightsOverview))]
[JsonSerializable(typeof(InsightsBreakdown))]
[JsonSerializable(typeof(FeedbackImport))]
[JsonSerializable(typeof(FeedbackImportResult))]
[JsonSerializable(typeof(SitePolicy))]
[JsonSerializable(typeof(ExportedAnswer))]
[JsonSerializable(typeof(IAsyncEnumerable<ExportedAnswer>))]
[JsonSerializable(typeof(IReadOnlyList<ExportedAnswer>))]
[JsonSerializable(typeof(VisitorErasure))]
public sealed partial class QuickPollJsonContext : JsonSerializerContext;
