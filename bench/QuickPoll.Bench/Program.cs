using System.Diagnostics;
using Microsoft.Data.Sqlite;
using QuickPoll.Bench.Components;
using QuickPoll.Server;

// The host the benchmark drives over loopback: the real collection endpoint beside a do-nothing endpoint
// (the ceiling), in one process, so both are measured on the same machine in the same run.
//   dotnet run -c Release -- --urls http://127.0.0.1:5099 --database /tmp/bench.db [--seed small=1000,big=1000000]
//   dotnet run -c Release -- --urls http://127.0.0.1:5099 --provider PostgreSql --connection-string "Host=...;Database=..."
// (the durability tests start it the same way and SIGKILL it mid-load).
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
var database = builder.Configuration["database"] ?? Path.Combine(Path.GetTempPath(), "quickpoll-bench.db");
var provider = Enum.Parse<QuickPollStorageProvider>(builder.Configuration["provider"] ?? nameof(QuickPollStorageProvider.Sqlite), ignoreCase: true);
var connectionString = builder.Configuration["connection-string"] ?? $"Data Source={database}";
builder.Services.AddQuickPollServer(o =>
{
    (o.Provider, o.ConnectionString) = (provider, connectionString);
    // One load generator on loopback stands for thousands of visitors: the per-address limits would measure themselves;
    // bench/run.sh seeds reviews without waiting.
    (o.RateLimit.SubmissionsPerMinute, o.RateLimit.ReadsPerMinute) = (0, 0);
    o.CommentMinimumSeconds = 0;
});

// The page scenario: a static server-rendered product page (Components/ProductPage.razor) whose components call this
// app's endpoint in process.
builder.Services.AddRazorComponents();
builder.Services.AddQuickPollComponents();

// --seed small=1000,big=1000000 : targets with that many stored answers before the run starts.
foreach (var spec in (builder.Configuration["seed"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries))
{
    if (provider != QuickPollStorageProvider.Sqlite)
    {
        throw new InvalidOperationException("--seed writes straight to a SQLite file: use it without --provider.");
    }

    var parts = spec.Split('=');
    Seed(database, parts[0], int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture));
}

var app = builder.Build();
app.UseAntiforgery();
app.MapGet("/noop", () => "ok");
app.MapPost("/noop", () => "ok");
// What the process allocated and used so far, read before and after a scenario: bytes allocated per request is a figure
// other work on the machine does not disturb.
app.MapGet("/bench/process", () => $"{GC.GetTotalAllocatedBytes()} {Environment.WorkingSet}");
app.MapQuickPoll();
app.MapRazorComponents<App>();
app.Run();

// Stored answers and their counters, as a busy shop would have them: written straight to the file, fast.
static void Seed(string path, string target, int answers)
{
    var clock = Stopwatch.StartNew();

    // Starting the endpoint once creates the schema.
    var app = WebApplication.CreateSlimBuilder();
    app.Services.AddQuickPollServer(o => o.ConnectionString = $"Data Source={path}");
    using (var host = app.Build())
    {
        host.StartAsync().GetAwaiter().GetResult();
        host.StopAsync().GetAwaiter().GetResult();
    }

    using var connection = new SqliteConnection($"Data Source={path}");
    connection.Open();
    using var transaction = connection.BeginTransaction();
    using var insert = connection.CreateCommand();
    insert.Transaction = transaction;
    insert.CommandText = "INSERT INTO answers (target, kind, score, created_at) VALUES ($t, 'stars', $s, '2026-01-01T00:00:00.0000000Z');";
    var t = insert.Parameters.Add("$t", SqliteType.Text);
    var s = insert.Parameters.Add("$s", SqliteType.Integer);
    t.Value = target;
    var counts = new long[5];
    for (var i = 0; i < answers; i++)
    {
        var score = i % 5 + 1;
        s.Value = score;
        insert.ExecuteNonQuery();
        counts[score - 1]++;
    }

    using var count = connection.CreateCommand();
    count.Transaction = transaction;
    count.CommandText = """
        INSERT INTO summary_counts (target, kind, score, count) VALUES ($t, 'stars', $s, $c)
        ON CONFLICT (target, kind, score) DO UPDATE SET count = summary_counts.count + $c;
        """;
    count.Parameters.AddWithValue("$t", target);
    var cs = count.Parameters.Add("$s", SqliteType.Integer);
    var cc = count.Parameters.Add("$c", SqliteType.Integer);
    for (var score = 1; score <= 5; score++)
    {
        cs.Value = score;
        cc.Value = counts[score - 1];
        count.ExecuteNonQuery();
    }

    transaction.Commit();
    Console.Error.WriteLine($"seeded {answers} answers for '{target}' in {clock.Elapsed.TotalSeconds:0.0} s");
}
