using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// What the components of one page (one circuit or request) share after a submission: the summary a rating returned,
/// which reaches every <see cref="RatingSummary"/> of the same target; a comment a <see cref="CommentBox"/> published,
/// which reloads every <see cref="ReviewList"/> of the same target; and which targets have a review list, which star
/// rating a summary filters it by and which reviews it has loaded (for a summary's structured data).
/// </summary>
internal sealed class QuickPollPageState
{
    private readonly Dictionary<string, int> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _filters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlyList<PublishedComment> Items, long Total)> _reviews = new(StringComparer.Ordinal);

    /// <summary>Raised with each summary a submission returned; listeners filter by target and scale themselves.</summary>
    public event Action<FeedbackSummary>? SummaryPublished;

    /// <summary>Raised with a target whose review lists, filter or loaded reviews changed.</summary>
    public event Action<string>? Changed;

    /// <summary>Raised with a target that has a newly published comment.</summary>
    public event Action<string>? CommentPublished;

    /// <summary>Whether a review list of the target is on the page.</summary>
    public bool HasList(string target) => _lists.ContainsKey(target);

    /// <summary>The star rating the target's reviews are filtered by, if any.</summary>
    public int? FilterOf(string target) => _filters.TryGetValue(target, out var stars) ? stars : null;

    /// <summary>The reviews a list of the target has loaded, and how many the target has in all.</summary>
    public (IReadOnlyList<PublishedComment> Items, long Total)? ReviewsOf(string target) =>
        _reviews.TryGetValue(target, out var reviews) ? reviews : null;

    /// <summary>Hands the summary that includes a new answer to every listener.</summary>
    public void PublishSummary(FeedbackSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        SummaryPublished?.Invoke(summary);
    }

    /// <summary>Tells every review list of the target that a comment was published.</summary>
    public void PublishComment(string target) => CommentPublished?.Invoke(target);

    /// <summary>Tells the page which reviews of the target a list shows, for a summary's structured data.</summary>
    public void SetReviews(string target, IReadOnlyList<PublishedComment> items, long total)
    {
        _reviews[target] = (items, total);
        Changed?.Invoke(target);
    }

    /// <summary>A review list of the target appeared on the page.</summary>
    public void AddList(string target)
    {
        _lists[target] = _lists.GetValueOrDefault(target) + 1;
        Changed?.Invoke(target);
    }

    /// <summary>A review list of the target left the page; the last one takes the target's filter with it.</summary>
    public void RemoveList(string target)
    {
        if (!_lists.TryGetValue(target, out var count))
        {
            return;
        }

        if (count <= 1)
        {
            _lists.Remove(target);
            _filters.Remove(target);
            _reviews.Remove(target);
        }
        else
        {
            _lists[target] = count - 1;
        }

        Changed?.Invoke(target);
    }

    /// <summary>Filters the target's review lists by a star rating, or shows all with null.</summary>
    public void SetFilter(string target, int? stars)
    {
        if (FilterOf(target) == stars)
        {
            return;
        }

        if (stars is { } value)
        {
            _filters[target] = value;
        }
        else
        {
            _filters.Remove(target);
        }

        Changed?.Invoke(target);
    }
}
