using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.AspNetCore.Components.Server.Circuits;
using QuickPoll.Client;
using QuickPoll.Server;
using QuickPoll.Server.Application;
using QuickPoll.Server.InProcess;
using QuickPoll.Server.Alerts;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Http;
using QuickPoll.Server.Import;
using QuickPoll.Server.Insights;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Privacy;
using QuickPoll.Server.Results;
using QuickPoll.Server.Sites;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Telemetry;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the QuickPoll collection endpoint's services.</summary>
    public static class QuickPollServerServiceCollectionExtensions
    {
        /// <summary>
        /// Adds the services behind <c>MapQuickPoll()</c> and <c>MapQuickPollAdmin()</c> (and the storage the QuickPoll.Dashboard package reads): storage
        /// (embedded SQLite by default), the single answer writer, per-address rate limits, the retention period's clean-up,
        /// sites and admin keys (held in memory, changed without a restart), webhook alerts, ASP.NET Core's CORS and Data
        /// Protection services (the comment form's token), and RFC 9457 problem details. Options come from the <c>QuickPoll:Server</c>
        /// configuration section, then from <paramref name="configure"/>. In an app that calls <c>AddOpenApi()</c>,
        /// it also completes the description of QuickPoll's operations in every OpenAPI document (request bodies,
        /// the <c>Idempotency-Key</c> header, enums by their JSON names, the admin key's bearer scheme).
        /// It also registers <c>QuickPoll.Client.IQuickPollApi</c> in process, for the app's own pages and components: the same
        /// validation, results and exceptions as the HTTP API, no HTTP hop, and each visitor's own address as the rate-limit key.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <param name="configure">Changes the options after configuration is applied.</param>
        /// <returns>The service collection, for chaining.</returns>
        public static IServiceCollection AddQuickPollServer(this IServiceCollection services, Action<QuickPollServerOptions>? configure = null)
        {
            ArgumentNullException.ThrowIfNull(services);

            var options = services.AddOptions<QuickPollServerOptions>()
                .BindConfiguration(QuickPollServerOptions.SectionName)
                .Validate(o => !string.IsNullOrWhiteSpace(o.ConnectionString), "QuickPoll: Server:ConnectionString is required.")
                .Validate(o => o.MaxBatchSize is > 0 and <= 10_000, "QuickPoll: Server:MaxBatchSize must be between 1 and 10000.")
                .Validate(o => o.SummaryCacheSize is >= 1 and <= 10_000_000, "QuickPoll: Server:SummaryCacheSize must be between 1 and 10000000.")
                .Validate(o => Enum.IsDefined(o.Provider), "QuickPoll: Server:Provider must be Sqlite or PostgreSql.")
                .Validate(o => o.OrderTokenSecret is null || o.OrderTokenSecret.Length >= 32, "QuickPoll: Server:OrderTokenSecret must be at least 32 characters.")
                .Validate(o => o.AdminKey is null || o.AdminKey.Length >= 16, "QuickPoll: Server:AdminKey must be at least 16 characters.")
                .Validate(o => o.RateLimit.SubmissionsPerMinute is null or >= 0 && o.RateLimit.ReadsPerMinute is null or >= 0,
                    "QuickPoll: Server:RateLimit:SubmissionsPerMinute and ReadsPerMinute must be 0 (no limit) or more.")
                .Validate(o => o.RateLimit.SubmissionBurst is >= 1 and <= 100_000 && o.RateLimit.ReadBurst is >= 1 and <= 100_000,
                    "QuickPoll: Server:RateLimit:SubmissionBurst and ReadBurst must be between 1 and 100000.")
                .Validate(o => o.RetentionDays is null or (>= 1 and <= 36_500), "QuickPoll: Server:RetentionDays must be between 1 and 36500, or empty to keep everything.")
                .Validate(o => o.MinimumSample is >= 1 and <= 1_000_000, "QuickPoll: Server:MinimumSample must be between 1 and 1000000.")
                .Validate(o => o.CommentMinimumSeconds is >= 0 and <= 3_600, "QuickPoll: Server:CommentMinimumSeconds must be between 0 (off) and 3600.")
                .Validate(o => o.IdempotencyKeyLifetime >= TimeSpan.FromMinutes(1) && o.IdempotencyKeyLifetime <= TimeSpan.FromDays(30),
                    "QuickPoll: Server:IdempotencyKeyLifetime must be between 00:01:00 and 30.00:00:00.")
                .Validate(o => o.MaxQueuedWrites is >= 1 and <= 1_000_000, "QuickPoll: Server:MaxQueuedWrites must be between 1 and 1000000.")
                .Validate(o => o.CommentFormLifetime >= TimeSpan.FromMinutes(1) && o.CommentFormLifetime <= TimeSpan.FromDays(7)
                    && o.CommentFormLifetime > TimeSpan.FromSeconds(o.CommentMinimumSeconds),
                    "QuickPoll: Server:CommentFormLifetime must be between 1 minute and 7 days, and longer than CommentMinimumSeconds.")
                .ValidateOnStart();
            if (configure is not null)
            {
                options.Configure(configure);
            }

            services.AddProblemDetails();
            services.TryAddSingleton(TimeProvider.System);
            services.TryAddSingleton<Database>(static sp =>
            {
                var o = sp.GetRequiredService<IOptions<QuickPollServerOptions>>().Value;
                return o.Provider == QuickPollStorageProvider.PostgreSql
                    ? new PostgresDatabase(o.ConnectionString)
                    : new SqliteDatabase(o.ConnectionString, sp.GetRequiredService<IHostEnvironment>().ContentRootPath);
            });
            services.TryAddSingleton(static sp =>
            {
                var o = sp.GetRequiredService<IOptions<QuickPollServerOptions>>().Value;
                return new SummaryCache(enabled: o.Provider == QuickPollStorageProvider.Sqlite, o.SummaryCacheSize);
            });
            services.TryAddSingleton(static sp => new QuickPoll.Server.Comments.PublishedCommentCache(
                enabled: sp.GetRequiredService<IOptions<QuickPollServerOptions>>().Value.Provider == QuickPollStorageProvider.Sqlite));
            services.TryAddSingleton<ReadSummary>();
            services.AddMetrics();
            services.TryAddSingleton<QuickPollMetrics>();
            services.TryAddSingleton<WriteQueue>();
            services.AddHostedService(static sp => sp.GetRequiredService<WriteQueue>());
            services.TryAddSingleton<RetentionService>();
            services.AddHostedService(static sp => sp.GetRequiredService<RetentionService>());
            services.TryAddSingleton<ClientRateLimits>();
            services.TryAddSingleton<AdminKeys>();
            services.AddQuickPollAlerts();
            services.TryAddSingleton<SiteRegistry>();
            services.TryAddSingleton<CommentFormTokens>();
            AddPublicUseCases(services);
            services.AddCors();
            // The components' plain forms answer with 303 See Other (post/redirect/get), not Blazor's 302.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IStartupFilter, StaticFormRedirects>());
            // ... and one posted to a Razor Page or MVC action, which cannot handle it, is refused loudly instead of dropped.
            services.TryAddEnumerable(ServiceDescriptor.Singleton<MatcherPolicy, StaticFormGuard>());
            services.AddDataProtection();
            services.AddQuickPollAdminUseCases();
            // Takes effect only for the documents of a host that calls AddOpenApi(), and only on QuickPoll's operations.
            services.ConfigureAll<OpenApiOptions>(QuickPollOpenApiTransformer.AddTo);
            return services;
        }

        /// <summary>The public API's use cases, and the in-process <see cref="IQuickPollApi"/> over them for the app's own pages.</summary>
        private static void AddPublicUseCases(IServiceCollection services)
        {
            services.TryAddSingleton<QuickPoll.Server.Application.SubmitAnswer>();
            services.TryAddSingleton<ReadPoll>();
            services.TryAddSingleton<QuickPoll.Server.Application.CastVote>();
            services.TryAddSingleton<ReadPollResults>();
            services.TryAddSingleton<StartCommentForm>();
            services.TryAddSingleton<QuickPoll.Server.Application.SubmitComment>();
            services.TryAddSingleton<ReadComments>();
            services.TryAddSingleton<ReadSitePolicy>();
            services.AddHttpContextAccessor();
            services.TryAddScoped<VisitorAddress>();
            services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, VisitorAddressCircuitHandler>());
            // Keyed, so that AddQuickPollComponents() finds it whether it is called before or after; unkeyed for the app's own code,
            // unless the app registered the HTTP client for a remote endpoint first.
            services.TryAddKeyedScoped<IQuickPollApi, InProcessQuickPollApi>(InProcessApi.ServiceKey);
            services.TryAddScoped(static sp => sp.GetRequiredKeyedService<IQuickPollApi>(InProcessApi.ServiceKey));
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Maps the QuickPoll collection API.</summary>
    public static class QuickPollEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps the versioned collection API under <c>/api/v1</c>: answers and summaries, polls and votes, comments.
        /// Requires <c>AddQuickPollServer()</c>. Every endpoint is limited per site and client address as
        /// <see cref="QuickPollServerOptions.RateLimit"/> says (submissions and reads apart), checks the site's public key
        /// (<c>X-QuickPoll-Site</c>) and the page's origin, and answers CORS for every site's allowed origins, with no middleware to add.
        /// Any other path under <c>/api/v1</c> gets a <c>404</c> problem, a known path asked with another method a <c>405</c> problem with <c>Allow</c>.
        /// Also maps <c>POST /quickpoll/form</c>, where the forms rendered by QuickPoll's tag helpers (the QuickPoll.TagHelpers package)
        /// post: antiforgery-checked, sent as any answer is, then a <c>303</c> back to the page with the outcome.
        /// And serves the script and stylesheet any page embeds, <c>/quickpoll/embed.js</c> and <c>/quickpoll/embed.css</c>.
        /// </summary>
        /// <param name="endpoints">The app or a route group.</param>
        /// <returns>The <c>/api/v1</c> group, so the host can add authorization, rate limits or CORS to it.</returns>
        public static RouteGroupBuilder MapQuickPoll(this IEndpointRouteBuilder endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            var api = endpoints.MapGroup("/api/v1").WithTags("QuickPoll").DescribedByQuickPoll()
                .AddSharedFilter<RefusalMetricsFilter>(endpoints)
                .AddSharedFilter<SiteAccess>(endpoints).TakesSiteKey()
                .AddSharedFilter<RateLimitFilter>(endpoints).ProducesProblem(StatusCodes.Status429TooManyRequests)
                .AddSharedFilter<BindingProblemFilter>(endpoints)
                .AddSharedFilter<RefusalFilter>(endpoints);
            // CORS preflights for every public path; SiteAccess answers them.
            api.MapMethods("/{**path}", [HttpMethods.Options], static () => TypedResults.NoContent()).ExcludeFromDescription()
                .WithMetadata(UnknownApiPath.Marker);
            // Any other path or method under the prefix: a 404 or 405 problem, never the host's own pages.
            api.Map("/{**path}", UnknownApiPath.Answer).ExcludeFromDescription().WithMetadata(UnknownApiPath.Marker);
            PublicEndpoints.Map(api);
            // Where forms rendered by QuickPoll's tag helpers post: outside the API, which takes JSON only; it checks antiforgery itself.
            endpoints.MapPost(FormHandler.Path, FormHandler.HandleAsync).ExcludeFromDescription().DisableAntiforgery()
                .WithMetadata(FormHandler.Marker).WithDisplayName("QuickPoll form handler");
            QuickPoll.Server.Embed.EmbedAssets.Map(endpoints);
            return api;
        }

        /// <summary>
        /// Maps the staff's API under <c>/api/v1/admin</c>: poll management, comment moderation, results with breakdowns, the raw answers export,
        /// erasing a visitor, and the sites and admin keys. A request needs the
        /// admin key (<c>Authorization: Bearer &lt;key&gt;</c>: <see cref="QuickPollServerOptions.AdminKey"/> or one made with <c>POST /api/v1/admin/keys</c>)
        /// unless the host puts its own authorization policy on the returned group.
        /// </summary>
        /// <param name="endpoints">The app or a route group.</param>
        /// <returns>The <c>/api/v1/admin</c> group, for the host's authorization policy, rate limits or CORS.</returns>
        public static RouteGroupBuilder MapQuickPollAdmin(this IEndpointRouteBuilder endpoints)
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            var admin = endpoints.MapGroup("/api/v1/admin").WithTags("QuickPoll admin").AddSharedFilter<AdminAccess>(endpoints)
                .AddSharedFilter<BindingProblemFilter>(endpoints).AddSharedFilter<RefusalFilter>(endpoints)
                .DescribedByQuickPoll().RequiresAdminKey();
            AdminEndpoints.Map(admin);
            return admin;
        }
    }
}
