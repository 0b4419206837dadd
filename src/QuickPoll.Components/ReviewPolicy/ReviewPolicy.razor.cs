using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Tells customers how the shop collects and checks its reviews, as the EU Omnibus rules require: whether reviews
/// are published at once or checked by staff first, whether reviews from buyers are verified, and whether a
/// visitor's rating counts once. Read from the collection endpoint's real settings, never typed in by hand, so it
/// cannot drift from what the site does.
/// </summary>
/// <remarks>Requires <c>services.AddQuickPollComponents(...)</c>. Loads while prerendering; a failed load shows a short notice.</remarks>
/// <example>
/// <code>&lt;ReviewList Target="@product.Sku" /&gt;
/// &lt;ReviewPolicy /&gt;</code>
/// </example>
public sealed partial class ReviewPolicy : QuickPollComponentBase, IDisposable
{
    private static int s_lastInstance;

    private readonly string _idPrefix = "qp-policy-" + Interlocked.Increment(ref s_lastInstance).ToString(CultureInfo.InvariantCulture);
    private readonly CancellationTokenSource _disposed = new();
    private SitePolicy? _policy;
    private bool _unavailable;

    /// <summary>Replaces the title, "How we collect reviews".</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Replaces "Loading how reviews are collected…".</summary>
    [Parameter]
    public string? LoadingText { get; set; }

    /// <summary>Replaces the notice shown when the policy could not be loaded.</summary>
    [Parameter]
    public string? UnavailableText { get; set; }

    /// <inheritdoc />
    private protected override bool WritesStaticMarkup => true;

    private string StateName => _policy is not null ? "loaded" : _unavailable ? "unavailable" : "loading";

    private string? ModerationName => _policy?.Moderation switch
    {
        ModerationPolicy.HoldAll => "hold-all",
        ModerationPolicy.PublishUnlessFlagged => "publish-unless-flagged",
        _ => null,
    };

    /// <inheritdoc />
    protected override async Task OnInitializedAsync()
    {
        try
        {
            _policy = await Api.GetSitePolicyAsync(_disposed.Token);
        }
        catch (OperationCanceledException) when (_disposed.IsCancellationRequested)
        {
            // Removed from the page while loading.
        }
        catch (Exception ex)
        {
            // Say that the policy is unavailable rather than guess it: a wrong statement would mislead customers.
            Log.LoadFailed(Logger, ex);
            _unavailable = true;
        }
    }

    /// <inheritdoc />
    public void Dispose()
    {
        _disposed.Cancel();
        _disposed.Dispose();
    }

    private static string? Flag(bool? value) => value switch
    {
        true => "true",
        false => "false",
        null => null,
    };

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Warning, "QuickPoll: could not load the site's review policy.")]
        public static partial void LoadFailed(ILogger logger, Exception exception);
    }
}
