using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Concurrency;

/// <summary>
/// A real endpoint on an empty database for one run: rate limits off, comments without a wait, two sites and three polls
/// (open single-choice, open multiple-choice, closed) created through the admin API.
/// </summary>
internal sealed class ModelHost : IAsyncDisposable
{
    /// <summary>The most any one request may take; longer counts as a hang.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(10);

    private readonly TestDatabase _database;
    private readonly QuickPollServerFactory _factory;
    private readonly Action<string> _log;

    private ModelHost(TestDatabase database, Action<string> log)
    {
        (_database, _log) = (database, log);
        _factory = new QuickPollServerFactory(database, o =>
        {
            o.RateLimit.SubmissionsPerMinute = 0;
            o.RateLimit.ReadsPerMinute = 0;
            o.CommentMinimumSeconds = 0;
        });

        // A writer that stopped would otherwise hold the host's shutdown, and so the test, for ever.
        // Thousands of requests would bury a failure's report in request logs: warnings and errors only.
        Server = _factory.WithWebHostBuilder(web => web
            .ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning))
            .ConfigureServices(services => services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(5))));
        Client = Server.CreateClient();
        Client.Timeout = RequestTimeout;
        Admin = Server.CreateClient();
        Admin.Timeout = RequestTimeout;
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", QuickPollServerFactory.AdminKey);
    }

    public WebApplicationFactory<TestHostEntryPoint> Server { get; }

    public HttpClient Client { get; }

    public HttpClient Admin { get; }

    public IServiceProvider Services => Server.Services;

    public IReadOnlyDictionary<PollRef, string> Polls { get; private set; } = new Dictionary<PollRef, string>();

    /// <summary>The public keys of no site (null) and of the two sites, by <see cref="OneWrite.Site"/>.</summary>
    public IReadOnlyList<string?> SiteKeys { get; private set; } = [];

    public static async Task<ModelHost> StartAsync(QuickPollStorageProvider provider, Action<string> log)
    {
        var host = new ModelHost(TestDatabase.Create(provider), log);
        try
        {
            var polls = new Dictionary<PollRef, string>
            {
                [PollRef.OpenSingle] = await host.CreatePollAsync(allowMultiple: false, closed: false),
                [PollRef.OpenMultiple] = await host.CreatePollAsync(allowMultiple: true, closed: false),
                [PollRef.Closed] = await host.CreatePollAsync(allowMultiple: false, closed: true),
                [PollRef.Unknown] = "no-such-poll",
            };
            host.Polls = polls;
            host.SiteKeys = [null, await host.CreateSiteAsync("Shop A", "https://a.example"), await host.CreateSiteAsync("Shop B", "https://b.example")];
            return host;
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        Admin.Dispose();
        try
        {
            // Bounded: a stuck writer must fail the run, not hang the test process.
            await Task.Run(_factory.Dispose).WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            _log("The server did not stop within 20 s and was left behind.");
        }
        catch (Exception ex) when (ex is OperationCanceledException or AggregateException)
        {
            // The run's own checks report a stuck writer; this must not hide them.
            _log($"Stopping the server failed: {ex.GetType().Name}: {ex.Message}");
        }

        _database.Dispose();
    }

    private async Task<string> CreatePollAsync(bool allowMultiple, bool closed)
    {
        var definition = new PollDefinition(
            new Dictionary<string, string> { ["en"] = "What matters most to you?" },
            [.. ModelGen.Choices.Select(c => new PollChoiceDefinition(c, new Dictionary<string, string> { ["en"] = c }))])
        {
            AllowMultiple = allowMultiple,
            Closed = closed,
        };
        using var response = await Admin.PostAsJsonAsync("/api/v1/admin/polls", definition, QuickPollJsonContext.Default.PollDefinition);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.PollSummary))!.Id;
    }

    private async Task<string> CreateSiteAsync(string name, string origin)
    {
        using var response = await Admin.PostAsJsonAsync("/api/v1/admin/sites", new SiteDefinition(name, [origin]), QuickPollJsonContext.Default.SiteDefinition);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync(QuickPollJsonContext.Default.RegisteredSite))!.PublicKey;
    }
}
