using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Shows a target's published comments (reviews), newest first: stars, date, display name, a "Verified purchase"
/// badge and the text, rendered as text and never as HTML. "Show more" loads the next page. The visitor may sort by
/// newest, highest or lowest rating, and a <see cref="RatingSummary"/> of the same target on the page filters the list
/// by star rating.
/// </summary>
/// <remarks>
/// Sorting and filtering work on the reviews already loaded (the API returns newest first): "Show more" loads more of
/// them into the chosen order. A comment published by a <see cref="CommentBox"/> of the same target appears at once.
/// Requires <c>services.AddQuickPollComponents(...)</c>.
/// </remarks>
public sealed partial class ReviewList : QuickPollComponentBase, IDisposable
{
    private readonly CancellationTokenSource _disposed = new();
    private readonly List<PublishedComment> _items = [];

    // The page the API returned, while the list shows exactly its reviews: its static markup is written once.
    private CommentPage? _source;
    private string? _loadedTarget;
    private int _page;
    private long _total;
    private bool _loading;
    private bool _unavailable;
    private ReviewSort _sort;
    private ReviewSort? _renderedSort;

    /// <summary>Whose reviews are shown: the same product SKU or id the <see cref="CommentBox"/> uses.</summary>
    [Parameter, EditorRequired]
    public string Target { get; set; } = "";

    /// <summary>How many reviews each page (and each "Show more") loads, 1 to 50; 5 unless set.</summary>
    [Parameter]
    public int PageSize { get; set; } = 5;

    /// <summary>The order shown first; the visitor may change it.</summary>
    [Parameter]
    public ReviewSort Sort { get; set; } = ReviewSort.Newest;

    /// <summary>Replaces the list's accessible name, "Reviews".</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Replaces "No reviews yet.".</summary>
    [Parameter]
    public string? NoReviewsText { get; set; }

    /// <summary>Replaces "Loading reviews…".</summary>
    [Parameter]
    public string? LoadingText { get; set; }

    /// <summary>Replaces "Reviews are unavailable right now.".</summary>
    [Parameter]
    public string? UnavailableText { get; set; }

    /// <summary>Replaces "Show more reviews".</summary>
    [Parameter]
    public string? ShowMoreText { get; set; }

    /// <summary>Replaces "Sort by".</summary>
    [Parameter]
    public string? SortLabel { get; set; }

    /// <summary>Replaces the badge "Verified purchase".</summary>
    [Parameter]
    public string? VerifiedText { get; set; }

    /// <summary>Replaces "Anonymous", shown for reviews without a display name.</summary>
    [Parameter]
    public string? AnonymousText { get; set; }

    /// <inheritdoc />
    private protected override bool WritesStaticMarkup => true;

    /// <inheritdoc />
    private protected override (object Source, object Key)? StaticMarkupSource => _source is { } source
        ? (source, new MarkupKey(
            Text.Culture, Text.FormatCulture, Context?.EffectiveDir, _total, _sort, Filter, _loading, _unavailable,
            (Label, NoReviewsText, LoadingText, UnavailableText, ShowMoreText, SortLabel, VerifiedText, AnonymousText)))
        : null;

    private int? Filter => Page.FilterOf(Target);

    private string StateName => _loading && _items.Count == 0 ? "loading" : _unavailable && _items.Count == 0 ? "unavailable" : "loaded";

    private List<PublishedComment> Visible
    {
        get
        {
            IEnumerable<PublishedComment> items = Filter is { } stars ? _items.Where(c => c.Rating == stars) : _items;
            // Stable sorts over the newest-first order, so equal ratings stay newest first.
            return (_sort switch
            {
                ReviewSort.Highest => items.OrderBy(c => c.Rating is null).ThenByDescending(c => c.Rating ?? 0),
                ReviewSort.Lowest => items.OrderBy(c => c.Rating is null).ThenBy(c => c.Rating ?? 0),
                _ => items,
            }).ToList();
        }
    }

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Page.Changed += OnPageChanged;
        Page.CommentPublished += OnCommentPublished;
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (FeedbackLimits.ValidateTarget(Target) is { } error)
        {
            throw new InvalidOperationException($"{nameof(ReviewList)}: {error}");
        }

        if (Sort != _renderedSort)
        {
            _renderedSort = _sort = Sort;
        }

        if (!string.Equals(Target, _loadedTarget, StringComparison.Ordinal))
        {
            if (_loadedTarget is not null)
            {
                Page.RemoveList(_loadedTarget);
            }

            _loadedTarget = Target;
            Page.AddList(Target);
            await ReloadAsync();
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Page.Changed -= OnPageChanged;
        Page.CommentPublished -= OnCommentPublished;
        if (_loadedTarget is not null)
        {
            Page.RemoveList(_loadedTarget);
        }

        _disposed.Cancel();
        _disposed.Dispose();
    }

    private async Task ReloadAsync()
    {
        _source = null;
        _items.Clear();
        _total = 0;
        _page = 0;
        await LoadPageAsync(1);
    }

    private Task LoadMoreAsync() => _loading ? Task.CompletedTask : LoadPageAsync(_page + 1);

    private async Task LoadPageAsync(int page)
    {
        var target = Target;
        _loading = true;
        _unavailable = false;
        try
        {
            var result = await Api.GetCommentsAsync(target, page, Math.Clamp(PageSize, 1, CommentLimits.MaxPageSize), _disposed.Token);
            if (!string.Equals(target, Target, StringComparison.Ordinal))
            {
                return;
            }

            // New comments shift pages while a visitor reads: never show one twice.
            var known = _items.Select(c => c.Id).ToHashSet();
            _items.AddRange(result.Items.Where(c => known.Add(c.Id)));
            _source = page == 1 && _items.Count == result.Items.Count ? result : null;
            _total = Math.Max(result.Total, _items.Count);
            _page = page;
            Page.SetReviews(target, _items.ToList(), _total);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Removed from the page while loading.
        }
        catch (Exception ex)
        {
            // Reviews are part of a product page, never a reason to break it.
            Log.LoadFailed(Logger, target, ex);
            _unavailable = true;
        }
        finally
        {
            _loading = false;
        }
    }

    private void OnSortChanged(ChangeEventArgs e) => _sort = (e.Value as string) switch
    {
        "highest" => ReviewSort.Highest,
        "lowest" => ReviewSort.Lowest,
        _ => ReviewSort.Newest,
    };

    private void ClearFilter() => Page.SetFilter(Target, null);

    private void OnPageChanged(string target)
    {
        // Rendered statically, nothing on the page can filter this list: it renders once its reviews are loaded.
        if (string.Equals(target, Target, StringComparison.Ordinal) && !IsStatic)
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    private void OnCommentPublished(string target)
    {
        if (string.Equals(target, Target, StringComparison.Ordinal))
        {
            _ = InvokeAsync(async () =>
            {
                await ReloadAsync();
                StateHasChanged();
            });
        }
    }

    private sealed record MarkupKey(
        CultureInfo Culture, CultureInfo FormatCulture, string? Dir, long Total, ReviewSort Sort, int? Filter, bool Loading, bool Unavailable,
        (string?, string?, string?, string?, string?, string?, string?, string?) Texts);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not load the reviews of {Target}.")]
        public static partial void LoadFailed(ILogger logger, string target, Exception exception);
    }
}
