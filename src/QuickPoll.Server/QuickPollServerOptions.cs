namespace QuickPoll.Server;

/// <summary>How the QuickPoll collection endpoint stores answers.</summary>
/// <remarks>Bound from the <c>QuickPoll:Server</c> configuration section, then changed by the delegate given to <c>AddQuickPollServer</c>.</remarks>
public sealed class QuickPollServerOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "QuickPoll:Server";

    /// <summary>
    /// The SQLite connection string. Defaults to a <c>quickpoll.db</c> file in the application's content root.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=quickpoll.db";

    /// <summary>
    /// The most answers committed in one transaction. Answers that arrive together are stored together,
    /// so durability costs one disk flush per group instead of one per answer.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;
}
