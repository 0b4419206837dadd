using System.Diagnostics;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OpenApi;

namespace QuickPoll.Server.Tests.OpenApi;

/// <summary>
/// The OpenAPI document of a host with <c>MapQuickPoll()</c> and <c>MapQuickPollAdmin()</c> lints clean with Redocly's
/// recommended rules, so a shop developer's own API gateway or docs portal takes it as it is.
/// </summary>
public sealed class OpenApiLintTests : IDisposable
{
    /// <summary>The Redocly CLI version the document is checked with; a newer one may add rules, so it changes on purpose.</summary>
    public const string RedoclyCli = "@redocly/cli@1.34.20";

    private readonly TestDatabase _database = TestDatabase.Create(QuickPollStorageProvider.Sqlite);

    [Fact]
    public async Task The_document_lints_clean_with_Redocly_recommended_rules()
    {
        using var factory = new QuickPollServerFactory(_database).WithWebHostBuilder(web => web.ConfigureServices(services =>
            // What every host's own document says about itself: its licence and where it is served. QuickPoll describes only its operations.
            services.Configure<OpenApiOptions>("v1", options => options.AddDocumentTransformer((document, _, _) =>
            {
                document.Info.License = new OpenApiLicense { Name = "MIT", Identifier = "MIT" };
                document.Servers = [new OpenApiServer { Url = "https://shop.test" }];
                return Task.CompletedTask;
            }))));
        var text = await factory.CreateClient().GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        var file = Path.Combine(Path.GetTempPath(), $"quickpoll-openapi-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(file, text);
        try
        {
            var (exitCode, output) = await RunAsync("npx", "--yes", RedoclyCli, "lint", file, "--config", Path.Combine(RepositoryRoot(), "redocly.yaml"), "--format", "stylish");
            // Clean means no error and no warning: Redocly then says "You have N warnings." (or errors).
            Assert.True(exitCode == 0 && !output.Contains("You have ", StringComparison.Ordinal), $"redocly lint exited with {exitCode}:\n{output}");
            Assert.Contains("Woohoo! Your API description is valid.", output, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(file);
        }
    }

    public void Dispose() => _database.Dispose();

    private static async Task<(int ExitCode, string Output)> RunAsync(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NO_COLOR"] = "1";
        start.Environment["REDOCLY_TELEMETRY"] = "off";
        start.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "redocly.yaml")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("redocly.yaml was not found above " + AppContext.BaseDirectory);
    }
}
