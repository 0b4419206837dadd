using System.Net;
using System.Net.Http.Json;
using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Import;

public sealed class SqliteImportTests() : ImportTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlImportTests() : ImportTests(QuickPollStorageProvider.PostgreSql);

/// <summary>Bringing earlier feedback in with its dates: counted like new answers, stored whole or not at all.</summary>
public abstract class ImportTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset LastMonth = DateTimeOffset.UtcNow.AddDays(-20);

    [Fact]
    public async Task Imported_answers_count_in_the_public_summary_and_keep_their_dates()
    {
        var admin = Factory.CreateAdminSdk();

        var result = await admin.ImportAsync(new FeedbackImport
        {
            Answers =
            [
                new ImportedAnswer("lamp-003", FeedbackKind.Stars, 5, LastMonth) { Segment = "returning", Touchpoint = "order-email" },
                new ImportedAnswer("lamp-003", FeedbackKind.Stars, 2, LastMonth.AddDays(3)),
            ],
        });

        Assert.Equal(new FeedbackImportResult(2, 0), result);
        var summary = await Factory.CreateSdk().GetSummaryAsync("lamp-003");
        Assert.Equal(2, summary.Count);
        Assert.Equal(3.5, summary.Average);
        var exported = await admin.ExportAnswersAsync(target: "lamp-003");
        Assert.Equal(LastMonth.UtcDateTime, exported[0].CreatedAt.UtcDateTime, TimeSpan.FromMilliseconds(1));
        Assert.Equal("order-email", exported[0].Touchpoint);
    }

    [Fact]
    public async Task Imported_comments_keep_their_state_or_go_through_the_hold_rules()
    {
        var admin = Factory.CreateAdminSdk();

        await admin.ImportAsync(new FeedbackImport
        {
            Comments =
            [
                new ImportedComment("lamp-003", "Warm light, sturdy base.", LastMonth) { Rating = 5, DisplayName = "Ola" },
                new ImportedComment("lamp-003", "Cheaper at http://elsewhere.example", LastMonth),
                new ImportedComment("lamp-003", "Arrived late.", LastMonth) { Status = CommentStatus.Held, Rating = 2 },
            ],
        });

        var published = await Factory.CreateSdk().GetCommentsAsync("lamp-003");
        Assert.Equal(["Warm light, sturdy base."], published.Items.Select(c => c.Text));
        var held = await admin.GetCommentsForModerationAsync(CommentStatus.Held, "lamp-003");
        Assert.Equal(["link", "moderation"], held.Items.Select(c => c.HoldReason).Order());
    }

    [Fact]
    public async Task One_bad_item_refuses_the_whole_import_naming_the_item_and_field()
    {
        using var client = AdminClient();

        using var response = await client.PostAsJsonAsync("/api/v1/admin/import", new FeedbackImport
        {
            Answers =
            [
                new ImportedAnswer("lamp-003", FeedbackKind.Nps, 7, LastMonth),
                new ImportedAnswer("lamp-003", FeedbackKind.Nps, 11, LastMonth),
                new ImportedAnswer("lamp-003", FeedbackKind.Nps, 7, DateTimeOffset.UtcNow.AddDays(2)),
            ],
        }, QuickPollJsonContext.Default.FeedbackImport);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.Contains("\"answers[1].score\"", body, StringComparison.Ordinal);
        Assert.Contains("\"answers[2].createdAt\"", body, StringComparison.Ordinal);
        Assert.Equal(0, (await Factory.CreateSdk().GetSummaryAsync("lamp-003", FeedbackKind.Nps)).Count);
    }

    [Fact]
    public async Task A_visitor_who_already_answered_refuses_the_import_and_nothing_of_it_is_stored()
    {
        await Factory.CreateSdk().SubmitAnswerAsync(new SubmitAnswerRequest("lamp-003", 4) { VisitorId = "visitor-0001-abcdef" });

        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk().ImportAsync(new FeedbackImport
        {
            Answers =
            [
                new ImportedAnswer("lamp-003", FeedbackKind.Stars, 1, LastMonth),
                new ImportedAnswer("lamp-003", FeedbackKind.Stars, 1, LastMonth) { VisitorId = "visitor-0001-abcdef" },
            ],
        }));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.Contains("answers[1].visitorId", refused.Errors.Keys);
        var summary = await Factory.CreateSdk().GetSummaryAsync("lamp-003");
        Assert.Equal(1, summary.Count);
        Assert.Equal(4.0, summary.Average);
    }

    [Theory]
    [InlineData("""{"answers":[]}""", "answers")]
    [InlineData("""{"answers":[{"target":"a","kind":"stars","score":3}]}""", "answers[0]")]
    [InlineData("""{"answers":[],"extra":1}""", "extra")]
    public async Task Malformed_imports_are_problems(string json, string field)
    {
        using var client = AdminClient();

        using var response = await client.PostAsync(
            new Uri("/api/v1/admin/import", UriKind.Relative), new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(field, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private HttpClient AdminClient()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);
        return client;
    }
}
