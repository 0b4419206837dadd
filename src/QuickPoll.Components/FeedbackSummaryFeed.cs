using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Carries the summary a submission returned to every <see cref="RatingSummary"/> on the same page (one circuit or
/// request), so a visitor sees their own rating counted without reloading.
/// </summary>
internal sealed class FeedbackSummaryFeed
{
    /// <summary>Raised with each summary a submission returned; listeners filter by target themselves.</summary>
    public event Action<FeedbackSummary>? Published;

    /// <summary>Hands a fresh summary to every listener.</summary>
    /// <param name="summary">The summary that includes the new answer.</param>
    public void Publish(FeedbackSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        Published?.Invoke(summary);
    }
}
