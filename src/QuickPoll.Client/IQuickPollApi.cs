using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Client;

/// <summary>The public QuickPoll collection API: what a product page may call.</summary>
/// <remarks>
/// Register it with <c>services.AddQuickPollClient(...)</c>.
/// A rejected request throws <see cref="ValidationApiException"/> (400 with field errors) or <see cref="ApiException"/>.
/// </remarks>
public interface IQuickPollApi
{
    /// <summary>Stores a visitor's answer and returns the target's updated summary.</summary>
    /// <param name="request">The answer.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stored answer's receipt, with the summary that includes it.</returns>
    [Post("/api/v1/answers")]
    Task<AnswerReceipt> SubmitAnswerAsync([Body] SubmitAnswerRequest request, CancellationToken cancellationToken = default);

    /// <summary>Reads the summary (count, average, distribution) of one target on one scale.</summary>
    /// <param name="target">What is rated, for example a product SKU.</param>
    /// <param name="kind">The feedback scale.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary; all zero when nobody has answered yet.</returns>
    [Get("/api/v1/summaries")]
    Task<FeedbackSummary> GetSummaryAsync([Query] string target, [Query] FeedbackKind kind = FeedbackKind.Stars, CancellationToken cancellationToken = default);

    /// <summary>Reads the summary of one target on one scale, counting only the answers given in one context.</summary>
    /// <param name="target">What is rated, for example a product SKU.</param>
    /// <param name="kind">The feedback scale.</param>
    /// <param name="filter">The one context value to count; set exactly one of its properties.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The summary of the answers given in that context.</returns>
    [Get("/api/v1/summaries")]
    Task<FeedbackSummary> GetSummaryAsync([Query] string target, [Query] FeedbackKind kind, [Query] SummaryFilter filter, CancellationToken cancellationToken = default);
}
