namespace QuickPoll.Server;

/// <summary>
/// Per-client-address limits on the public API, counted in memory by each endpoint instance. A request over a
/// limit is refused with <c>429 Too Many Requests</c>, a <c>Retry-After</c> header and a problem body, before
/// anything of it is read or stored.
/// </summary>
/// <remarks>
/// The address is the connection's remote address; behind a reverse proxy, call <c>app.UseForwardedHeaders()</c>
/// so it is the visitor's. IPv6 addresses are counted per /64 network, loopback like any other; only requests without an
/// address are not limited. The app's own pages call the in-process <c>IQuickPollApi</c>, which counts each call against
/// the visitor's own address.
/// Set a limit to 0 or <see langword="null"/> to turn it off.
/// </remarks>
public sealed class QuickPollRateLimitOptions
{
    /// <summary>Answers, votes and comments one address may submit per minute, on average. Defaults to 60.</summary>
    public int? SubmissionsPerMinute { get; set; } = 60;

    /// <summary>How many submissions one address may make at once before the per-minute rate applies. Defaults to 20.</summary>
    public int SubmissionBurst { get; set; } = 20;

    /// <summary>Summaries, polls, results and comment pages one address may read per minute, on average. Defaults to 600.</summary>
    public int? ReadsPerMinute { get; set; } = 600;

    /// <summary>How many reads one address may make at once (a category page of many products) before the per-minute rate applies. Defaults to 200.</summary>
    public int ReadBurst { get; set; } = 200;
}
