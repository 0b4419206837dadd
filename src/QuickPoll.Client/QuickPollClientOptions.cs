namespace QuickPoll.Client;

/// <summary>Where the QuickPoll collection API lives and how to call it.</summary>
/// <remarks>Read from the <c>QuickPoll:Client</c> configuration section first, then changed by the delegate given at registration.</remarks>
public sealed class QuickPollClientOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "QuickPoll:Client";

    /// <summary>The API's absolute base address, for example <c>https://feedback.example.com/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>The admin key, for <see cref="IQuickPollAdminApi"/> only. Keep it on the server: never send it to a browser.</summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// The site's public key, sent as <c>X-QuickPoll-Site</c> with every call of <see cref="IQuickPollApi"/>. Needed when the
    /// server requires site keys; public by design (pages embed it), so it may go to browsers.
    /// </summary>
    public string? SiteKey { get; set; }

    /// <summary>How long one attempt may take before it is retried. Defaults to 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
