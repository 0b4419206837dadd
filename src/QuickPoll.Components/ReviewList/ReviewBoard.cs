using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// What the review components of one page (one circuit or request) tell each other: which targets have a
/// <see cref="ReviewList"/>, which star rating a <see cref="RatingSummary"/> filters it by, and when a
/// <see cref="CommentBox"/> published a new comment.
/// </summary>
internal sealed class ReviewBoard
{
    private readonly Dictionary<string, int> _lists = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _filters = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (IReadOnlyList<PublishedComment> Items, long Total)> _reviews = new(StringComparer.Ordinal);

    /// <summary>Raised with a target whose lists or filter changed.</summary>
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

    /// <summary>Tells the page which reviews of the target a list shows, for a summary's structured data.</summary>
    public void SetReviews(string target, IReadOnlyList<PublishedComment> items, long total)
    {
        _reviews[target] = (items, total);
        Changed?.Invoke(target);
    }

    public void AddList(string target)
    {
        _lists[target] = _lists.GetValueOrDefault(target) + 1;
        Changed?.Invoke(target);
    }

    public void RemoveList(string target)
    {
        if (_lists.TryGetValue(target, out var count))
        {
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
    }

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

    public void PublishComment(string target) => CommentPublished?.Invoke(target);
}
