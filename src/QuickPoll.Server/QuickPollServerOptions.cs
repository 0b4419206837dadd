namespace QuickPoll.Server;

/// <summary>How the QuickPoll collection endpoint stores answers.</summary>
/// <remarks>Bound from the <c>QuickPoll:Server</c> configuration section, then changed by the delegate given to <c>AddQuickPollServer</c>.</remarks>
public sealed class QuickPollServerOptions
{
    /// <summary>The configuration section the options are read from.</summary>
    public const string SectionName = "QuickPoll:Server";

    /// <summary>The database that stores answers: embedded SQLite unless set.</summary>
    public QuickPollStorageProvider Provider { get; set; } = QuickPollStorageProvider.Sqlite;

    /// <summary>
    /// The connection string of <see cref="Provider"/>. Defaults to a <c>quickpoll.db</c> SQLite file in the
    /// application's content root; a PostgreSQL connection string looks like
    /// <c>Host=db;Database=quickpoll;Username=quickpoll;Password=...</c>.
    /// </summary>
    public string ConnectionString { get; set; } = "Data Source=quickpoll.db";

    /// <summary>
    /// The secret that opens the admin API (<c>Authorization: Bearer &lt;key&gt;</c>): poll management, moderation,
    /// results and export, and the dashboard. The key to start with: more keys, revocable at once, are made through the admin API's <c>/keys</c>.
    /// Changing it (a configuration reload or a restart) rotates it: the old key stops working and its dashboard sessions end. Leave it empty to admit only users who pass the host app's own authorization policy
    /// on the group <c>MapQuickPollAdmin()</c> returns; with neither, the admin API answers 401.
    /// </summary>
    public string? AdminKey { get; set; }

    /// <summary>
    /// The secret the shop's backend signs order tokens with (<see cref="Contracts.OrderTokens"/>), at least 32
    /// characters. Without it, answers and comments carrying an order token are refused.
    /// </summary>
    public string? OrderTokenSecret { get; set; }

    /// <summary>
    /// When set, a submission that carries no visitor id gets one from a first-party, HttpOnly cookie
    /// (<c>quickpoll_visitor</c>), set only when the visitor first answers, so a second answer replaces the first.
    /// For browsers that call the API directly; server-rendered pages pass a visitor id instead.
    /// </summary>
    public bool VisitorCookie { get; set; }

    /// <summary>How new comments are moderated. Defaults to publishing them unless a hold rule fires.</summary>
    public CommentModeration CommentModeration { get; set; } = CommentModeration.PublishUnlessFlagged;

    /// <summary>Words that hold a comment for staff when it contains one (whole words, any case).</summary>
    public IList<string> BlockedWords { get; } = [];

    /// <summary>
    /// The most answers committed in one transaction. Answers that arrive together are stored together,
    /// so durability costs one disk flush per group instead of one per answer.
    /// </summary>
    public int MaxBatchSize { get; set; } = 256;

    /// <summary>
    /// The most summaries held in memory for fast reads (SQLite only; with PostgreSQL none are). Only targets that have
    /// answers are held, so made-up targets cost no memory; when full, the least recently read make room. Defaults to
    /// 100,000 (a few tens of megabytes at most).
    /// </summary>
    public int SummaryCacheSize { get; set; } = 100_000;

    /// <summary>
    /// How many requests one client address may make to the public API (<c>MapQuickPoll()</c>), submissions and
    /// reads counted apart. Addresses are held in memory only, never stored.
    /// </summary>
    public QuickPollRateLimitOptions RateLimit { get; } = new();

    /// <summary>
    /// How many days answers, poll votes and comments are kept, counted from when each was first stored; older
    /// ones are deleted (and uncounted from summaries and poll results) at start-up and then every hour.
    /// <see langword="null"/> (the default) keeps them until staff erase them.
    /// </summary>
    public int? RetentionDays { get; set; }

    /// <summary>
    /// Figures built on fewer answers than this are small samples: the dashboard shows them greyed with their count,
    /// never as a headline. Defaults to 30.
    /// </summary>
    public int MinimumSample { get; set; } = 30;

    /// <summary>
    /// Where to send signed alerts for staff (a detractor, a low rating, a comment held for moderation), a few seconds
    /// after the answer or comment is stored and without delaying the visitor. Empty (the default) sends none.
    /// </summary>
    public IList<QuickPollWebhook> Webhooks { get; } = [];

    /// <summary>
    /// When set, every public API request must carry a site's public key (<c>X-QuickPoll-Site</c>, see the admin API's
    /// <c>/sites</c>); without one it gets 401. Off by default, so a single shop that embeds QuickPoll needs no key.
    /// A request that does carry a key is always checked: an unknown key gets 401, a write from an origin the site does not allow 403.
    /// </summary>
    public bool RequireSiteKey { get; set; }

    /// <summary>
    /// The fewest seconds between showing a comment form (<c>GET /api/v1/comments/form</c>) and sending the comment: faster
    /// ones are refused as written by a bot. Defaults to 3; 0 turns the check off, so comments need no form token.
    /// </summary>
    public int CommentMinimumSeconds { get; set; } = 3;

    /// <summary>
    /// How long a submission's <c>Idempotency-Key</c> is remembered: a repeat within this time returns the first result and
    /// stores nothing. Defaults to 24 hours; expired keys are swept every hour.
    /// </summary>
    public TimeSpan IdempotencyKeyLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>
    /// The most writes that may wait for the single writer. Beyond it a submission is refused at once with <c>503</c> and
    /// <c>Retry-After</c> rather than waiting without limit. Defaults to 10000.
    /// </summary>
    public int MaxQueuedWrites { get; set; } = 10_000;

    /// <summary>
    /// How long a comment form's token stays valid after the form was shown; a comment sent later is refused and the visitor
    /// reloads the form. Each token is good for one comment. Defaults to 2 hours.
    /// </summary>
    public TimeSpan CommentFormLifetime { get; set; } = TimeSpan.FromHours(2);
}
