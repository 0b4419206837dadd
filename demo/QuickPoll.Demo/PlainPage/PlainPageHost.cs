using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Demo.PlainPage;

/// <summary>
/// Where the demo's plain HTML page is served: a second origin, so that the page calls QuickPoll as another shop's page
/// would, across origins, with a registered site's public key.
/// </summary>
public sealed class PlainPageSite
{
    /// <summary>The name of the site the demo registers for its plain page.</summary>
    public const string SiteName = "Demo shop: plain HTML page";

    private readonly TaskCompletionSource<Uri?> _address = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>
    /// The plain page's address (for example <c>http://localhost:5081/</c>) once it is served, or <see langword="null"/> when
    /// it is off (<c>Demo:PlainPage:Enabled</c> is false) or could not start (no admin key to register its site with).
    /// </summary>
    public Task<Uri?> AddressAsync => _address.Task;

    /// <summary>The plain page's address, waiting at most 15 seconds for it, or <see langword="null"/>.</summary>
    /// <returns>The address, or <see langword="null"/>.</returns>
    public Task<Uri?> AddressOrNullAsync() =>
        _address.Task.WaitAsync(TimeSpan.FromSeconds(15)).ContinueWith(t => t.IsCompletedSuccessfully ? t.Result : null, TaskScheduler.Default);

    /// <summary>The page exactly as it is served (the endpoint and the key filled in), for the integrations gallery.</summary>
    internal string? Markup { get; private set; }

    internal void Started(Uri? address, string? markup = null)
    {
        Markup = markup;
        _address.TrySetResult(address);
    }
}

/// <summary>Registers the demo's plain HTML page and the static file server that serves it from a second origin.</summary>
public static class PlainPageServiceCollectionExtensions
{
    /// <summary>
    /// Serves the files of the demo's <c>PlainPage/www</c> folder on another port once the shop listens: <c>Demo:PlainPage:Port</c>,
    /// by default the shop's own port plus one (0 takes any free port); <c>Demo:PlainPage:Enabled=false</c> turns it off.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The service collection.</returns>
    public static IServiceCollection AddDemoPlainPage(this IServiceCollection services)
    {
        services.AddSingleton<PlainPageSite>();
        services.AddHostedService<PlainPageHost>();
        return services;
    }
}

/// <summary>
/// A tiny static file server of its own (a second Kestrel app) for the plain page's <c>.html</c>, <c>.css</c> and <c>.svg</c> files. It fills
/// in only the endpoint's address (<c>{endpoint}</c>) and the site's public key (<c>{site-key}</c>); the rest is served as written.
/// The demo registers the site whose allowed origin is this server, idempotently, as it seeds its poll.
/// </summary>
internal sealed partial class PlainPageHost(
    IServiceScopeFactory scopes, IHostApplicationLifetime lifetime, IServer server, IOptionsFactory<QuickPollClientOptions> optionsFactory,
    IWebHostEnvironment environment, IConfiguration configuration, PlainPageSite site, ILogger<PlainPageHost> logger)
    : BackgroundService
{
    private WebApplication? files;

    // Read once the site is registered; until then the server answers 503, so no page goes out without its key.
    private volatile IReadOnlyDictionary<string, PlainFile>? served;
    private string contentSecurityPolicy = "default-src 'self'";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (!configuration.GetValue("Demo:PlainPage:Enabled", defaultValue: true))
            {
                site.Started(null);
                return;
            }

            // The shop's own port, and so the page's default port, is known only once Kestrel listens.
            var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            {
                await started.Task.WaitAsync(stoppingToken);
            }

            // Read afresh, not through IOptions: the endpoint's address, when it is the shop's own, is known only now.
            var options = optionsFactory.Create(Options.DefaultName);
            var shop = OwnAddress.Of(server);
            var endpoint = options.BaseAddress;
            if (string.IsNullOrEmpty(options.AdminKey))
            {
                Log.NoAdminKey(logger);
                site.Started(null);
                return;
            }

            if (shop is null || endpoint is null)
            {
                // Hosted without a network server (a test server): there is no origin to serve a second page beside.
                site.Started(null);
                return;
            }

            var port = configuration.GetValue<int?>("Demo:PlainPage:Port") ?? shop.Port + 1;
            files = await StartAsync(shop.Host, port, stoppingToken);
            var address = OwnAddress.Of(files.Services.GetRequiredService<IServer>())
                ?? throw new InvalidOperationException("The plain page's server has no address.");

            await using var scope = scopes.CreateAsyncScope();
            var admin = scope.ServiceProvider.GetRequiredService<IQuickPollAdminApi>();
            var key = await RegisterSiteAsync(admin, Origins(address), stoppingToken);
            var endpointText = endpoint.GetLeftPart(UriPartial.Path).TrimEnd('/');
            // The page needs no inline script or style: its own origin and the endpoint's are all it loads from.
            contentSecurityPolicy = $"default-src 'self' {endpoint.GetLeftPart(UriPartial.Authority)}";
            served = await LoadAsync(Path.Combine(environment.ContentRootPath, "PlainPage", "www"), endpointText, key, stoppingToken);
            site.Started(address, served.TryGetValue("index.html", out var index) ? index.Text : null);
            Log.Serving(logger, address);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            site.Started(null);
        }
        catch (Exception ex)
        {
            Log.StartFailed(logger, ex);
            site.Started(null);
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        if (files is not null)
        {
            await files.DisposeAsync();
        }
    }

    /// <summary>The origins a browser may send from the page: a loopback page opens as localhost or as 127.0.0.1 alike.</summary>
    internal static IReadOnlyList<string> Origins(Uri address)
    {
        var origin = address.GetLeftPart(UriPartial.Authority);
        return address.Host is "localhost" or "127.0.0.1"
            ? [$"{address.Scheme}://localhost:{address.Port}", $"{address.Scheme}://127.0.0.1:{address.Port}"]
            : [origin];
    }

    private static async Task<string> RegisterSiteAsync(IQuickPollAdminApi admin, IReadOnlyList<string> origins, CancellationToken cancellationToken)
    {
        var definition = new SiteDefinition(PlainPageSite.SiteName, origins);
        var existing = (await admin.ListSitesAsync(cancellationToken)).FirstOrDefault(s => s.Name == PlainPageSite.SiteName);
        if (existing is null)
        {
            return (await admin.CreateSiteAsync(definition, cancellationToken)).PublicKey;
        }

        // Another port this time: the same site, its origin moved.
        return existing.AllowedOrigins.SequenceEqual(origins, StringComparer.OrdinalIgnoreCase)
            ? existing.PublicKey
            : (await admin.UpdateSiteAsync(existing.Id, definition, cancellationToken)).PublicKey;
    }

    private async Task<WebApplication> StartAsync(string host, int port, CancellationToken cancellationToken)
    {
        // Nothing of the shop's configuration (its URLs, its environment) may reach this server.
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [], ContentRootPath = AppContext.BaseDirectory });
        builder.Logging.ClearProviders();
        // Kestrel takes any free port only on an address, not on localhost.
        builder.WebHost.UseUrls(new UriBuilder("http", port == 0 && host == "localhost" ? "127.0.0.1" : host, port).Uri.GetLeftPart(UriPartial.Authority));
        var app = builder.Build();
        app.Run(Answer);
        await app.StartAsync(cancellationToken);
        return app;
    }

    private Task Answer(HttpContext context)
    {
        var response = context.Response;
        if (!HttpMethods.IsGet(context.Request.Method) && !HttpMethods.IsHead(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET, HEAD";
            return Task.CompletedTask;
        }

        var files = served;
        if (files is null)
        {
            response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            response.Headers.RetryAfter = "1";
            return Task.CompletedTask;
        }

        var path = context.Request.Path.Value;
        var name = path is null or "/" ? "index.html" : path[1..];
        if (!files.TryGetValue(name, out var file))
        {
            response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        }

        response.ContentType = file.ContentType;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = contentSecurityPolicy;
        return HttpMethods.IsHead(context.Request.Method) ? Task.CompletedTask : response.WriteAsync(file.Text, context.RequestAborted);
    }

    /// <summary>The folder's .html, .css and .svg files by name, the pages with the endpoint and the key filled in.</summary>
    internal static async Task<IReadOnlyDictionary<string, PlainFile>> LoadAsync(
        string folder, string endpoint, string siteKey, CancellationToken cancellationToken)
    {
        var loaded = new Dictionary<string, PlainFile>(StringComparer.Ordinal);
        foreach (var path in Directory.EnumerateFiles(folder))
        {
            var name = Path.GetFileName(path);
            var text = await File.ReadAllTextAsync(path, cancellationToken);
            switch (Path.GetExtension(name))
            {
                case ".html":
                    loaded[name] = new("text/html; charset=utf-8", Fill(text, endpoint, siteKey));
                    break;
                case ".css":
                    loaded[name] = new("text/css; charset=utf-8", text);
                    break;
                case ".svg":
                    loaded[name] = new("image/svg+xml", text);
                    break;
            }
        }

        return loaded;
    }

    /// <summary>A page as served: <c>{endpoint}</c> and <c>{site-key}</c> filled in, nothing else changed.</summary>
    internal static string Fill(string page, string endpoint, string siteKey) =>
        page.Replace("{endpoint}", endpoint, StringComparison.Ordinal).Replace("{site-key}", siteKey, StringComparison.Ordinal);

    internal sealed record PlainFile(string ContentType, string Text);

    private static partial class Log
    {
        [LoggerMessage(1, LogLevel.Information, "Demo: the plain HTML page, on another origin, is at {Address}")]
        public static partial void Serving(ILogger logger, Uri address);

        [LoggerMessage(2, LogLevel.Information, "Demo: no plain HTML page: registering its site takes the admin key (QuickPoll:Server:AdminKey).")]
        public static partial void NoAdminKey(ILogger logger);

        [LoggerMessage(3, LogLevel.Warning, "Demo: could not start the plain HTML page.")]
        public static partial void StartFailed(ILogger logger, Exception exception);
    }
}
