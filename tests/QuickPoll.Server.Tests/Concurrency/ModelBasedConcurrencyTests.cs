using System.Globalization;
using System.Text.RegularExpressions;
using CsCheck;
using Xunit.Abstractions;

namespace QuickPoll.Server.Tests.Concurrency;

public sealed class SqliteModelBasedConcurrencyTests(ITestOutputHelper output) : ModelBasedConcurrencyTests(QuickPollStorageProvider.Sqlite, output);

public sealed class PostgreSqlModelBasedConcurrencyTests(ITestOutputHelper output) : ModelBasedConcurrencyTests(QuickPollStorageProvider.PostgreSql, output);

/// <summary>
/// Seeded random mixes of answers, re-votes, votes on open, closed and unknown polls, comments, erasures and imports, with
/// repeated idempotency keys (same body, another body, another kind of write, another site), fired concurrently at the real
/// endpoint over HTTP and checked against a model of what must hold whatever the interleaving (see <see cref="ModelRun"/>).
/// </summary>
/// <remarks>
/// A failure names its seed; <c>QUICKPOLL_MODEL_SEED=&lt;seed&gt;</c> runs exactly that list of steps again.
/// <c>QUICKPOLL_SOAK_MINUTES=&lt;n&gt;</c> keeps generating longer runs for that many minutes.
/// </remarks>
public abstract partial class ModelBasedConcurrencyTests(QuickPollStorageProvider provider, ITestOutputHelper output)
{
    public const string SeedVariable = "QUICKPOLL_MODEL_SEED";
    public const string SoakVariable = "QUICKPOLL_SOAK_MINUTES";

    // Backstop for a whole run: requests time out on their own well before it.
    private static readonly TimeSpan s_runTimeout = TimeSpan.FromMinutes(3);

    [Fact]
    public async Task Concurrent_writes_with_repeated_keys_keep_every_acknowledged_write_exactly_once()
    {
        var seed = Environment.GetEnvironmentVariable(SeedVariable) is { Length: > 0 } given ? given : null;
        var soakMinutes = int.TryParse(Environment.GetEnvironmentVariable(SoakVariable), CultureInfo.InvariantCulture, out var minutes) && minutes > 0 ? minutes : 0;
        var steps = soakMinutes > 0 ? ModelGen.Steps(300, 1000) : ModelGen.Steps(150, 300);

        try
        {
            await steps.SampleAsync(
                RunAsync,
                writeLine: output.WriteLine,
                seed: seed,
                iter: seed is not null ? 1 : soakMinutes > 0 ? -1 : 3,
                time: seed is null && soakMinutes > 0 ? soakMinutes * 60 : -1,
                threads: 1,
                print: Describe);
        }
        catch (CsCheckException failure)
        {
            var failing = SeedPattern().Match(failure.Message) is { Success: true } match ? match.Groups[1].Value : seed ?? "(see the message)";
            throw new ModelViolationException(
                $"The {provider} model run failed with seed {failing}; reproduce it with {SeedVariable}={failing}.{Environment.NewLine}{failure.Message}", failure);
        }
    }

    private async Task RunAsync(Step[] steps)
    {
        await using var host = await ModelHost.StartAsync(provider, output.WriteLine);
        var run = new ModelRun(host, steps);
        IReadOnlyList<(string Kind, string Text)> violations;
        try
        {
            violations = await run.RunAsync().WaitAsync(s_runTimeout);
        }
        catch (TimeoutException)
        {
            throw new ModelViolationException($"The run did not finish within {s_runTimeout.TotalMinutes:0} minutes.");
        }

        output.WriteLine($"{provider}: {run.Summary}, {violations.Count} violations.");
        if (violations.Count > 0)
        {
            // Every kind of violation with its count and a few examples, so one kind cannot crowd out the others.
            var kinds = violations.GroupBy(v => v.Kind).OrderByDescending(g => g.Count()).ToList();
            throw new ModelViolationException(
                $"{violations.Count} violations of the model ({run.Summary}): " +
                string.Join(", ", kinds.Select(g => $"{g.Key} {g.Count()}")) + Environment.NewLine +
                string.Join(Environment.NewLine, kinds.SelectMany(g => g.Select(v => v.Text).Distinct().Take(4).Select(t => $"- {g.Key}: {t}"))));
        }
    }

    private static string Describe(Step[] steps) =>
        $"{steps.Length} steps: " + string.Join(", ", steps.GroupBy(s => s.GetType().Name).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => $"{g.Count()} {g.Key}"));

    [GeneratedRegex("Set seed: \"([^\"]+)\"")]
    private static partial Regex SeedPattern();
}

/// <summary>What the endpoint did differs from what the model says must hold.</summary>
public sealed class ModelViolationException(string message, Exception? inner = null) : Exception(message, inner);
