using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using QuickPoll.Client;

namespace QuickPoll.Server.Tests.InProcess;

/// <summary>
/// <c>AddQuickPollComponents()</c> without an address: in an app that hosts QuickPoll the components call it in process,
/// whichever registration comes first; in one that does not, a missing or silent address is one log line at start-up.
/// </summary>
public sealed class ComponentsRegistrationTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task Components_call_the_apps_own_server_in_process_whichever_is_registered_first(bool componentsFirst)
    {
        using var database = new SqliteTestDatabase();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders().AddFakeLogging();
        if (componentsFirst)
        {
            builder.Services.AddQuickPollComponents();
        }

        builder.Services.AddQuickPollServer(o => o.ConnectionString = database.ConnectionString);
        if (!componentsFirst)
        {
            builder.Services.AddQuickPollComponents();
        }

        builder.WebHost.UseUrls("http://127.0.0.1:0");
        await using var app = builder.Build();
        await app.StartAsync();
        using var scope = app.Services.CreateScope();

        var api = scope.ServiceProvider.GetRequiredService<IQuickPollApi>();
        var receipt = await api.SubmitAnswerAsync(new QuickPoll.Contracts.SubmitAnswerRequest("mug-001", 4));

        Assert.Equal("InProcessQuickPollApi", api.GetType().Name);
        Assert.Equal(1, receipt.Summary.Count);
        Assert.DoesNotContain(app.Services.GetFakeLogCollector().GetSnapshot(), r => r.Message.StartsWith("QuickPoll:", StringComparison.Ordinal));
        await app.StopAsync();
    }

    [Fact]
    public async Task An_app_without_a_server_or_an_address_says_so_once_at_start_up_and_fails_calls_at_once()
    {
        using var host = Host(baseAddress: null);
        await host.StartAsync();

        var line = Assert.Single(QuickPollLines(host));
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains("AddQuickPollServer()", line.Message, StringComparison.Ordinal);
        Assert.Contains("QuickPoll:Client:BaseAddress", line.Message, StringComparison.Ordinal);
        using var scope = host.Services.CreateScope();
        var started = TimeProvider.System.GetTimestamp();
        await Assert.ThrowsAsync<InvalidOperationException>(() => scope.ServiceProvider.GetRequiredService<IQuickPollApi>().GetSummaryAsync("mug-001"));
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(1), "A component waited for an API that is not there.");
        await host.StopAsync();
    }

    [Fact]
    public async Task An_address_that_does_not_answer_is_one_log_line_soon_after_start_up()
    {
        using var host = Host(new Uri($"http://127.0.0.1:{ClosedPort()}/"));
        var started = TimeProvider.System.GetTimestamp();
        await host.StartAsync();
        Assert.True(TimeProvider.System.GetElapsedTime(started) < TimeSpan.FromSeconds(2), "The check held the start-up.");

        var deadline = DateTime.UtcNow.AddSeconds(15);
        while (QuickPollLines(host).Count == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        var line = Assert.Single(QuickPollLines(host));
        Assert.Equal(LogLevel.Error, line.Level);
        Assert.Contains("does not answer", line.Message, StringComparison.Ordinal);
        Assert.Contains("127.0.0.1", line.Message, StringComparison.Ordinal);
        await host.StopAsync();
    }

    [Fact]
    public async Task An_address_that_answers_logs_nothing()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        var answered = AnswerOnceAsync(listener);
        using var host = Host(new Uri($"http://127.0.0.1:{port}/"));
        await host.StartAsync();

        await answered.WaitAsync(TimeSpan.FromSeconds(15));
        await Task.Delay(200);

        Assert.Empty(QuickPollLines(host));
        await host.StopAsync();
    }

    private static IHost Host(Uri? baseAddress)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders().AddFakeLogging();
        if (baseAddress is not null)
        {
            builder.Configuration["QuickPoll:Client:BaseAddress"] = baseAddress.ToString();
        }

        builder.Services.AddQuickPollComponents();
        return builder.Build();
    }

    private static List<FakeLogRecord> QuickPollLines(IHost host) =>
        [.. host.Services.GetFakeLogCollector().GetSnapshot().Where(r => r.Message.StartsWith("QuickPoll:", StringComparison.Ordinal))];

    private static int ClosedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A stand-in endpoint: answers one request with 200 and an empty body.</summary>
    private static async Task AnswerOnceAsync(TcpListener listener)
    {
        using var client = await listener.AcceptTcpClientAsync();
        var stream = client.GetStream();
        var buffer = new byte[4096];
        _ = await stream.ReadAsync(buffer);
        await stream.WriteAsync("HTTP/1.1 200 OK\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"u8.ToArray());
    }
}
