using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Shows what visitors think of a target (usually a product): the average as read-only stars, the number of ratings
/// and how many ratings gave each number of stars. Loads while prerendering, and updates when a
/// <see cref="StarRating"/> for the same target on the page is submitted. When a <see cref="ReviewList"/> of the
/// same target is on the page, each distribution row becomes a toggle button that shows only the reviews with that
/// many stars.
/// </summary>
/// <remarks>Requires <c>services.AddQuickPollComponents(...)</c>. A failed load shows a short notice instead of throwing.</remarks>
public sealed partial class RatingSummary : QuickPollComponentBase, IDisposable
{
    private static readonly ScoreScale s_scale = FeedbackLimits.ScaleOf(FeedbackKind.Stars);

    private readonly CancellationTokenSource _disposed = new();
    private string? _loadedTarget;
    private FeedbackSummary? _summary;
    private bool _unavailable;

    /// <summary>What is rated: the same product SKU or id that the <see cref="StarRating"/> uses.</summary>
    [Parameter, EditorRequired]
    public string Target { get; set; } = "";

    /// <summary>
    /// When <see langword="true"/>, also renders schema.org JSON-LD for search engines: a <c>Product</c> named
    /// <see cref="ProductName"/> with its <c>aggregateRating</c> and, from <see cref="Reviews"/> or a
    /// <see cref="ReviewList"/> of the same target on the page, its rated <c>review</c> items. Nothing is emitted while
    /// the product has no ratings. Only product markup: ratings of a shop itself (an organization or local business)
    /// are not shown by search engines and are never emitted.
    /// </summary>
    [Parameter]
    public bool EmitStructuredData { get; set; }

    /// <summary>The product's name as the page shows it; required with <see cref="EmitStructuredData"/>.</summary>
    [Parameter]
    public string? ProductName { get; set; }

    /// <summary>
    /// The reviews to list in the structured data; by default those that a <see cref="ReviewList"/> of the same
    /// target on the page has loaded.
    /// </summary>
    [Parameter]
    public IReadOnlyList<PublishedComment>? Reviews { get; set; }

    /// <summary>Replaces "No ratings yet".</summary>
    [Parameter]
    public string? NoRatingsText { get; set; }

    /// <summary>Replaces "Ratings are unavailable right now.".</summary>
    [Parameter]
    public string? UnavailableText { get; set; }

    /// <summary>Replaces "Loading ratings…".</summary>
    [Parameter]
    public string? LoadingText { get; set; }

    /// <summary>Replaces the distribution's accessible name, "Ratings by number of stars".</summary>
    [Parameter]
    public string? DistributionLabel { get; set; }

    /// <inheritdoc />
    private protected override bool WritesStaticMarkup => true;

    /// <inheritdoc />
    private protected override (object Source, object Key)? StaticMarkupSource => _summary is { } summary && !EmitStructuredData
        ? (summary, new MarkupKey(Text.Culture, Text.FormatCulture, Filter, FiltersReviews, (NoRatingsText, UnavailableText, LoadingText, DistributionLabel)))
        : null;

    private string StateName => _summary is not null ? "loaded" : _unavailable ? "unavailable" : "loading";

    private string AverageText => (_summary?.Average ?? 0).ToString("0.0", Text.FormatCulture);

    // Static server rendering has no events: filter buttons would do nothing there.
    private bool FiltersReviews => Page.HasList(Target) && !IsStatic;

    private int? Filter => Page.FilterOf(Target);

    /// <inheritdoc />
    protected override void OnInitialized()
    {
        Page.SummaryPublished += OnPublished;
        Page.Changed += OnPageChanged;
    }

    /// <inheritdoc />
    protected override async Task OnParametersSetAsync()
    {
        if (EmitStructuredData && string.IsNullOrWhiteSpace(ProductName))
        {
            throw new InvalidOperationException($"{nameof(RatingSummary)}: set {nameof(ProductName)} to emit structured data.");
        }

        if (string.Equals(Target, _loadedTarget, StringComparison.Ordinal))
        {
            return;
        }

        // The same instance may be reused for another product when the page navigates interactively.
        var target = _loadedTarget = Target;
        _summary = null;
        _unavailable = false;
        try
        {
            var summary = await Api.GetSummaryAsync(target, FeedbackKind.Stars, _disposed.Token);
            // A submission may have published a newer summary while this one was loading.
            if (_summary is null && string.Equals(target, Target, StringComparison.Ordinal))
            {
                _summary = summary;
            }
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Removed from the page while loading: nothing left to show.
        }
        catch (Exception ex)
        {
            // A summary is decoration on a product page: show a notice, never break the page.
            Log.LoadFailed(Logger, target, ex);
            _unavailable = _summary is null;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Page.SummaryPublished -= OnPublished;
        Page.Changed -= OnPageChanged;
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private void OnPublished(FeedbackSummary summary)
    {
        if (summary.Kind != FeedbackKind.Stars || !string.Equals(summary.Target, Target, StringComparison.Ordinal))
        {
            return;
        }

        _summary = summary;
        _unavailable = false;
        _ = InvokeAsync(StateHasChanged);
    }

    private void OnPageChanged(string target)
    {
        // Rendered statically, a list on the page changes only the structured data: no filter buttons to update.
        if (string.Equals(target, Target, StringComparison.Ordinal) && (!IsStatic || EmitStructuredData))
        {
            _ = InvokeAsync(StateHasChanged);
        }
    }

    // JSON-LD for search engines; a script element cannot be written in Razor markup, so it is built here.
    private RenderFragment? StructuredData => EmitStructuredData && _summary is { Count: > 0 } summary
        ? builder =>
        {
            var fromList = Page.ReviewsOf(Target);
            var json = ProductStructuredData.Write(
                ProductName!, summary, Reviews is null ? fromList?.Total : Reviews.Count, Reviews ?? fromList?.Items ?? [], Text["Reviews_Anonymous"]);
            builder.OpenElement(0, "script");
            builder.AddAttribute(1, "type", "application/ld+json");
            builder.AddMarkupContent(2, json); // escaped for a script element by the writer
            builder.CloseElement();
        }
        : null;

    private void ToggleFilter(int stars) => Page.SetFilter(Target, Filter == stars ? null : stars);

    private static long CountOf(FeedbackSummary summary, int score)
    {
        var index = score - s_scale.Min;
        return index < summary.Distribution.Count ? summary.Distribution[index] : 0;
    }

    // Machine-readable attributes are culture-independent; null leaves the attribute out.
    private static string? Invariant(IFormattable? value) => value?.ToString(null, CultureInfo.InvariantCulture);

    private static string Percent(double part, double whole) =>
        whole <= 0
            ? "0%"
            : Math.Clamp(part / whole * 100, 0, 100).ToString("0.#", CultureInfo.InvariantCulture) + "%";

    private sealed record MarkupKey(CultureInfo Culture, CultureInfo FormatCulture, int? Filter, bool FiltersReviews, (string?, string?, string?, string?) Texts);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not load the rating summary of {Target}.")]
        public static partial void LoadFailed(ILogger logger, string target, Exception exception);
    }
}
