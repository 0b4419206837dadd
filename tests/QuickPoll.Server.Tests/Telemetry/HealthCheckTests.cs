using System.Net.Http.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Telemetry;

public sealed class SqliteHealthCheckTests() : HealthCheckTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlHealthCheckTests() : HealthCheckTests(QuickPollStorageProvider.PostgreSql);

/// <summary><c>AddHealthChecks().AddQuickPoll()</c>: healthy while answers can be stored, unhealthy as soon as they cannot.</summary>
public abstract class HealthCheckTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly TimeSpan MaxWriteWait = TimeSpan.FromMilliseconds(300);

    [Fact]
    public async Task A_running_server_is_healthy()
    {
        await using var host = WithHealthChecks();
        using var client = host.CreateClient();
        using var stored = await client.PostAsJsonAsync("/api/v1/answers", new { target = "mug", score = 5 });
        Assert.Equal(System.Net.HttpStatusCode.OK, stored.StatusCode);

        var report = await CheckAsync(host);

        Assert.Equal(HealthStatus.Healthy, report.Status);
        Assert.Equal(HealthStatus.Healthy, report.Entries["quickpoll"].Status);
    }

    [Fact]
    public async Task The_health_endpoint_answers_healthy()
    {
        await using var host = WithHealthChecks();
        using var client = host.CreateClient();

        var response = await client.GetAsync(new Uri("/health", UriKind.Relative));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Healthy", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task A_database_gone_after_start_is_unhealthy()
    {
        await using var host = WithHealthChecks();
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);

        // Started fine (the schema was migrated), then the database goes away: dropped, or its file deleted.
        Database.Dispose();
        var report = await CheckAsync(host);

        Assert.Equal(HealthStatus.Unhealthy, report.Status);
        Assert.Contains("database", report.Entries["quickpoll"].Description, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_waiting_longer_than_the_threshold_is_unhealthy_until_the_writer_moves_on()
    {
        await using var host = WithHealthChecks();
        var writes = host.Services.GetRequiredService<WriteQueue>();
        using var held = new HeldWrite();
        var holding = writes.WriteAsync(held, CancellationToken.None);
        Assert.True(held.Started.Wait(TimeSpan.FromSeconds(10)));

        // Queued behind the held write: it waits in the queue.
        var waiting = writes.WriteAsync(new SubmitAnswer(new SubmitAnswerRequest("mug", 4), null), CancellationToken.None);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);
        await Task.Delay(MaxWriteWait * 2);

        var stuck = await CheckAsync(host);
        Assert.Equal(HealthStatus.Unhealthy, stuck.Status);
        Assert.Contains("waited", stuck.Entries["quickpoll"].Description, StringComparison.Ordinal);

        held.Release();
        await holding;
        Assert.Equal(1, (await waiting).Summary.Count);
        Assert.Equal(HealthStatus.Healthy, (await CheckAsync(host)).Status);
    }

    private WebApplicationFactory<TestHostEntryPoint> WithHealthChecks() =>
        Factory.WithWebHostBuilder(web => web
            .ConfigureServices(services => services.AddHealthChecks().AddQuickPoll(MaxWriteWait))
            .Configure(app => app.UseRouting().UseEndpoints(endpoints =>
            {
                endpoints.MapQuickPoll();
                endpoints.MapHealthChecks("/health");
            })));

    private static Task<HealthReport> CheckAsync(WebApplicationFactory<TestHostEntryPoint> host) =>
        host.Services.GetRequiredService<HealthCheckService>().CheckHealthAsync();
}

/// <summary>A write that holds the writer until released, as a slow disk or a stuck lock would.</summary>
internal sealed class HeldWrite : WriteOperation<bool>, IDisposable
{
    private readonly ManualResetEventSlim _release = new();

    public ManualResetEventSlim Started { get; } = new();

    public void Release() => _release.Set();

    public override void Execute(WriteBatch batch)
    {
        Started.Set();
        _release.Wait(TimeSpan.FromSeconds(30));
    }

    public void Dispose()
    {
        _release.Set();
        _release.Dispose();
        Started.Dispose();
    }

    protected override bool GetResult() => true;
}
