using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Client;

/// <summary>The staff's QuickPoll API: poll management and results. Calls carry the admin key.</summary>
/// <remarks>Register it with <c>services.AddQuickPollAdminClient(...)</c>, setting <see cref="QuickPollClientOptions.AdminKey"/>.</remarks>
public interface IQuickPollAdminApi
{
    /// <summary>Creates a poll.</summary>
    /// <param name="poll">The poll's question, choices and dates.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The created poll with its id.</returns>
    [Post("/api/v1/admin/polls")]
    Task<PollSummary> CreatePollAsync([Body] PollDefinition poll, CancellationToken cancellationToken = default);

    /// <summary>Lists every poll, newest first.</summary>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The polls.</returns>
    [Get("/api/v1/admin/polls")]
    Task<IReadOnlyList<PollSummary>> ListPollsAsync(CancellationToken cancellationToken = default);

    /// <summary>Replaces a poll's definition: change its texts or dates, or close it.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="poll">The new definition.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The changed poll.</returns>
    [Put("/api/v1/admin/polls/{pollId}")]
    Task<PollSummary> UpdatePollAsync(string pollId, [Body] PollDefinition poll, CancellationToken cancellationToken = default);

    /// <summary>Reads a poll's results overall and, optionally, per segment, journeyStage, touchpoint or locale.</summary>
    /// <param name="pollId">The poll's id.</param>
    /// <param name="breakdown">The context field to group by, or null for the overall results alone.</param>
    /// <param name="locale">The language of the choice labels.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The results.</returns>
    [Get("/api/v1/admin/polls/{pollId}/results")]
    Task<PollResultsBreakdown> GetPollResultsAsync(string pollId, [Query] string? breakdown = null, [Query] string? locale = null, CancellationToken cancellationToken = default);
}
