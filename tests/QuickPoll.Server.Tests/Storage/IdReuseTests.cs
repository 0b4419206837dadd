using System.Data.Common;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;
using QuickPoll.Server.Tests.Privacy;

namespace QuickPoll.Server.Tests.Storage;

public sealed class SqliteIdReuseTests() : IdReuseTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlIdReuseTests() : IdReuseTests(QuickPollStorageProvider.PostgreSql);

/// <summary>An erased row's id is never given to a new row, so a receipt or a used order token never names another visitor's row.</summary>
public abstract class IdReuseTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    [Fact]
    public async Task After_the_newest_answer_vote_and_comment_are_erased_new_ones_get_higher_ids()
    {
        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var poll = await admin.CreatePollAsync(new PollDefinition(
            new Dictionary<string, string> { ["en"] = "Why?" },
            [
                new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
                new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
            ]));
        await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = "visitor-first" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-first" });
        await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "First.") { VisitorId = "visitor-first" });
        var newest = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 5) { VisitorId = "visitor-newest" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-newest" });
        var newestComment = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Newest.") { VisitorId = "visitor-newest" });
        var newestVote = MaxId("poll_votes");

        await admin.EraseVisitorAsync("visitor-newest");
        var next = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 1) { VisitorId = "visitor-next" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-next" });
        var nextComment = await sdk.SubmitCommentAsync(new SubmitCommentRequest("mug-001", "Next.") { VisitorId = "visitor-next" });

        Assert.True(next.AnswerId > newest.AnswerId, $"answer {next.AnswerId} reuses or precedes erased {newest.AnswerId}");
        Assert.True(nextComment.CommentId > newestComment.CommentId, $"comment {nextComment.CommentId} reuses or precedes erased {newestComment.CommentId}");
        Assert.True(MaxId("poll_votes") > newestVote, "the new vote reuses the erased vote's id");
    }

    [Fact]
    public async Task A_database_of_the_previous_schema_keeps_its_rows_and_counters_and_then_never_reuses_ids()
    {
        // A shop's database as the previous release left it: three ratings, the newest (a verified purchase) already
        // erased then, whose used order token still names its id; a vote; a comment.
        var before = Math.Min(Array.IndexOf(Schema.Migrations, Schema.IdsNeverReused), Array.IndexOf(Schema.Migrations, Schema.UsedOrderTokensHashed));
        var usedAt = DateTimeOffset.UtcNow.AddDays(-1).UtcDateTime.ToString("O", CultureInfo.InvariantCulture);
        var previous = Open();
        previous.MigrateTo(before);
        var expires = DateTimeOffset.UtcNow.AddDays(30);
        long erased;
        using (var connection = previous.OpenUnmigrated())
        {
            Execute(connection, """
                INSERT INTO answers (target, kind, score, created_at, visitor_id, segment) VALUES
                    ('mug-001', 'stars', 5, '2026-01-01T00:00:00.0000000Z', 'visitor-aaaa', 'returning'),
                    ('mug-001', 'stars', 3, '2026-01-02T00:00:00.0000000Z', 'visitor-bbbb', NULL),
                    ('mug-001', 'stars', 1, '2026-01-03T00:00:00.0000000Z', 'visitor-cccc', NULL);
                INSERT INTO summary_counts (target, kind, score, count) VALUES ('mug-001', 'stars', 5, 1), ('mug-001', 'stars', 3, 1);
                INSERT INTO context_counts (target, kind, dimension, value, score, count) VALUES ('mug-001', 'stars', 'segment', 'returning', 5, 1);
                INSERT INTO poll_votes (poll_id, choice_ids, visitor_id, created_at) VALUES ('why', 'price', 'visitor-aaaa', '2026-01-01T00:00:00.0000000Z');
                INSERT INTO comments (target, text, status, visitor_id, created_at) VALUES ('mug-001', 'Lovely.', 'published', 'visitor-aaaa', '2026-01-01T00:00:00.0000000Z');
                """);
            erased = Scalar(connection, "SELECT MAX(id) FROM answers;");
            Execute(connection, $"""
                INSERT INTO used_order_tokens (order_id, product, purpose, used_by, used_at) VALUES ('order-1001', 'mug-001', 'rating:stars', {erased}, '{usedAt}');
                DELETE FROM answers WHERE id = {erased};
                """);
        }

        (previous as IDisposable)?.Dispose();

        var (sdk, admin) = (Factory.CreateSdk(), Factory.CreateAdminSdk());
        var summary = await sdk.GetSummaryAsync("mug-001");
        var returning = await sdk.GetSummaryAsync("mug-001", FeedbackKind.Stars, new SummaryFilter { Segment = "returning" });
        var fresh = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 4) { VisitorId = "visitor-dddd" });
        var token = OrderTokens.Issue(QuickPollServerFactory.OrderTokenSecret, "order-1001", "mug-001", expires);
        var reused = await Factory.CreateClient().PostAsJsonAsync("/api/v1/answers", new { target = "mug-001", score = 5, orderToken = token });
        await admin.EraseVisitorAsync("visitor-dddd");
        var after = await sdk.SubmitAnswerAsync(new SubmitAnswerRequest("mug-001", 2) { VisitorId = "visitor-eeee" });

        Assert.Equal(2, summary.Count);
        Assert.Equal(4.0, summary.Average);
        Assert.Equal(1, returning.Count);
        Assert.Equal(1, Rows("SELECT COUNT(*) FROM poll_votes;"));
        Assert.Equal(1, Rows("SELECT COUNT(*) FROM comments;"));
        Assert.Equal(["Lovely."], (await sdk.GetCommentsAsync("mug-001")).Items.Select(c => c.Text));
        Assert.True(fresh.AnswerId > erased, $"answer {fresh.AnswerId} reuses the id {erased} a used order token names");
        Assert.Equal(HttpStatusCode.Conflict, reused.StatusCode);
        Assert.Equal(0, Rows("SELECT COUNT(*) FROM used_order_tokens WHERE order_hash LIKE '%1001%' OR expires_at IS NULL;"));
        Assert.Equal(1, Rows("SELECT COUNT(*) FROM used_order_tokens;"));
        Assert.True(after.AnswerId > fresh.AnswerId, $"answer {after.AnswerId} reuses or precedes erased {fresh.AnswerId}");
    }

    [Fact]
    public void Every_index_the_schema_creates_exists_after_the_tables_are_rebuilt()
    {
        var database = Factory.Services.GetRequiredService<Database>();
        // Each step's created indexes, less those a later step drops on purpose.
        var named = new HashSet<string>(StringComparer.Ordinal);
        foreach (var step in database.Migrations)
        {
            foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(step, @"(CREATE (?:UNIQUE )?|DROP )INDEX (\w+)"))
            {
                _ = m.Groups[1].Value.StartsWith("DROP", StringComparison.Ordinal) ? named.Remove(m.Groups[2].Value) : named.Add(m.Groups[2].Value);
            }
        }

        var existing = database.Read(query =>
        {
            var names = new HashSet<string>(StringComparer.Ordinal);
            using var reader = query(Database.Provider == QuickPollStorageProvider.PostgreSql
                ? "SELECT indexname FROM pg_indexes WHERE schemaname = current_schema();"
                : "SELECT name FROM sqlite_master WHERE type = 'index';");
            while (reader.Read())
            {
                names.Add(reader.GetString(0));
            }

            return names;
        });

        Assert.NotEmpty(named);
        Assert.Empty(named.Except(existing));
    }

    private Database Open() => Database.Provider == QuickPollStorageProvider.PostgreSql
        ? new PostgresDatabase(Database.ConnectionString)
        : new SqliteDatabase(Database.ConnectionString, AppContext.BaseDirectory);

    private long MaxId(string table) => Rows($"SELECT MAX(id) FROM {table};");

    private long Rows(string sql) =>
        Factory.Services.GetRequiredService<Database>().Read(query =>
        {
            using var reader = query(sql);
            reader.Read();
            return Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture);
        });

    private static void Execute(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static long Scalar(DbConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
