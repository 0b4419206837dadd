namespace QuickPoll.Client;

/// <summary>Where the QuickPoll collection API lives and how to call it.</summary>
public sealed class QuickPollClientOptions
{
    /// <summary>The API's absolute base address, for example <c>https://feedback.example.com/</c>.</summary>
    public Uri? BaseAddress { get; set; }

    /// <summary>How long one attempt may take before it is retried. Defaults to 10 seconds.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
}
