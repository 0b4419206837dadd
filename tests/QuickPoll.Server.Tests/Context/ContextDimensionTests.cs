using System.Net;
using System.Text;
using System.Text.Json;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Tests.Context;

public sealed class SqliteContextDimensionTests() : ContextDimensionTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlContextDimensionTests() : ContextDimensionTests(QuickPollStorageProvider.PostgreSql);

/// <summary>
/// Every context field the descriptor declares is stored, filtered by, broken down by, exported and labelled under
/// its own name, so a field added to the descriptor reaches each of them without another list to change.
/// </summary>
public abstract class ContextDimensionTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static readonly DateTimeOffset Week = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    // Two answers whose every field differs: the first is the only one with each "a" value.
    private static readonly Dictionary<string, string> s_first = new()
    {
        ["segment"] = "returning", ["journeyStage"] = "purchase", ["touchpoint"] = "checkout", ["locale"] = "pl-PL", ["pagePath"] = "/koszyk",
    };

    private static readonly Dictionary<string, string> s_second = new()
    {
        ["segment"] = "first-time", ["journeyStage"] = "discovery", ["touchpoint"] = "product-page", ["locale"] = "en", ["pagePath"] = "/mugs",
    };

    private static ImportedAnswer Answer(int score, IReadOnlyDictionary<string, string> context, int day = 0) =>
        ContextDimension.All.Aggregate(
            new ImportedAnswer("mug-001", FeedbackKind.Stars, score, Week.AddDays(day).AddHours(10)),
            (answer, dimension) => dimension.With(answer, context[dimension.Name]));

    private async Task ImportAsync(params ImportedAnswer[] answers) =>
        Assert.Equal(answers.Length, (await Factory.CreateAdminSdk().ImportAsync(new FeedbackImport { Answers = answers })).Answers);

    private Task<PollSummary> CreatePollAsync() => Factory.CreateAdminSdk().CreatePollAsync(new PollDefinition(
        new Dictionary<string, string> { ["en"] = "What matters most?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
        ]));

    private HttpClient Admin()
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);
        return client;
    }

    private static async Task<JsonElement> JsonAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task<string> ErrorAsync(HttpResponseMessage response, string field)
    {
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("errors").GetProperty(field)[0].GetString()!;
    }

    [Fact]
    public void The_fields_are_the_context_every_answer_carries()
    {
        Assert.Equal(["segment", "journeyStage", "touchpoint", "locale", "pagePath"], ContextDimension.All.Select(d => d.Name));
        Assert.Equal(["segment", "journeyStage", "touchpoint", "locale"], ContextDimension.Groupable.Select(d => d.Name));
    }

    [Fact]
    public async Task Each_groupable_field_filters_a_summary_under_its_wire_name()
    {
        await ImportAsync(Answer(5, s_first), Answer(1, s_second));
        var client = Factory.CreateClient();

        foreach (var dimension in ContextDimension.Groupable)
        {
            var value = Uri.EscapeDataString(s_first[dimension.Name]);
            var summary = await JsonAsync(await client.GetAsync($"/api/v1/summaries?target=mug-001&kind=stars&{dimension.Name}={value}"));

            Assert.True(1 == summary.GetProperty("count").GetInt64(), $"{dimension.Name} filtered to {summary}");
            Assert.Equal(5.0, summary.GetProperty("average").GetDouble());
        }
    }

    [Fact]
    public async Task Each_groupable_field_breaks_down_results_insights_and_polls_under_its_wire_name()
    {
        await ImportAsync(Answer(5, s_first), Answer(1, s_second));
        var poll = await CreatePollAsync();
        foreach (var context in new[] { s_first, s_second })
        {
            await Factory.CreateSdk().VoteAsync(poll.Id, ContextDimension.All.Aggregate(new PollVoteRequest(["price"]), (vote, d) => d.With(vote, context[d.Name])));
        }

        using var client = Admin();
        foreach (var dimension in ContextDimension.Groupable)
        {
            string[] expected = [.. new[] { s_first, s_second }.Select(c => c[dimension.Name]).Order(StringComparer.Ordinal)];
            var results = await JsonAsync(await client.GetAsync($"/api/v1/admin/results?kind=stars&breakdown={dimension.Name}"));
            var insights = await JsonAsync(await client.GetAsync(
                $"/api/v1/admin/insights/breakdown?kind=stars&by={dimension.Name}&from=2026-10-01T00:00:00Z&to=2026-10-08T00:00:00Z"));
            var polls = await JsonAsync(await client.GetAsync($"/api/v1/admin/polls/{poll.Id}/results?breakdown={dimension.Name}"));

            Assert.Equal(dimension.Name, results.GetProperty("breakdown").GetString());
            Assert.Equal(dimension.Name, insights.GetProperty("dimension").GetString());
            Assert.Equal(dimension.Name, polls.GetProperty("breakdown").GetString());
            Assert.Equal(expected, Values(results).Order(StringComparer.Ordinal));
            Assert.Equal(expected, Values(insights).Order(StringComparer.Ordinal));
            Assert.Equal(expected, Values(polls).Order(StringComparer.Ordinal));
        }

        static IEnumerable<string> Values(JsonElement breakdown) => breakdown.GetProperty("groups").EnumerateArray().Select(g => g.GetProperty("value").GetString()!);
    }

    [Fact]
    public async Task Journey_stages_sort_in_the_journeys_order_in_every_breakdown()
    {
        // By size, after-purchase would come first and discovery last.
        var stages = new[] { "after-purchase", "after-purchase", "after-purchase", "use", "use", "purchase", "discovery" };
        await ImportAsync([.. stages.Select((stage, i) => ContextDimension.JourneyStage.With(new ImportedAnswer("mug-001", FeedbackKind.Stars, 4, Week.AddHours(i)), stage))]);
        var poll = await CreatePollAsync();
        foreach (var stage in stages)
        {
            await Factory.CreateSdk().VoteAsync(poll.Id, ContextDimension.JourneyStage.With(new PollVoteRequest(["price"]), stage));
        }

        var admin = Factory.CreateAdminSdk();
        var results = await admin.GetResultsAsync(kind: FeedbackKind.Stars, breakdown: "journeyStage");
        var insights = await admin.GetInsightsBreakdownAsync(FeedbackKind.Stars, "journeyStage", Week, Week.AddDays(7));
        var polls = await admin.GetPollResultsAsync(poll.Id, "journeyStage");

        string[] journey = ["discovery", "purchase", "use", "after-purchase"];
        Assert.Equal(journey, ContextDimension.JourneyStage.Values);
        Assert.Equal(journey, results.Groups.Select(g => g.Value));
        Assert.Equal(journey, insights.Groups.Select(g => g.Value));
        Assert.Equal(journey, polls.Groups.Select(g => g.Value));
        Assert.Equal([1L, 1, 2, 3], results.Groups.Select(g => g.Summary.Count));
    }

    [Fact]
    public async Task Other_breakdowns_still_list_the_largest_groups_first()
    {
        await ImportAsync(
            ContextDimension.Segment.With(new ImportedAnswer("mug-001", FeedbackKind.Stars, 4, Week), "a-few"),
            ContextDimension.Segment.With(new ImportedAnswer("mug-001", FeedbackKind.Stars, 4, Week.AddHours(1)), "many"),
            ContextDimension.Segment.With(new ImportedAnswer("mug-001", FeedbackKind.Stars, 4, Week.AddHours(2)), "many"));

        var results = await Factory.CreateAdminSdk().GetResultsAsync(kind: FeedbackKind.Stars, breakdown: "segment");

        Assert.Equal(["many", "a-few"], results.Groups.Select(g => g.Value));
    }

    [Fact]
    public async Task The_export_has_a_column_per_field_in_the_descriptors_order()
    {
        await ImportAsync(Answer(5, s_first));

        await using var stream = await Factory.CreateAdminSdk().ExportAnswersCsvAsync();
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var lines = (await reader.ReadToEndAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        var json = Assert.Single(await Factory.CreateAdminSdk().ExportAnswersAsync());

        Assert.Equal(
            "id,target,kind,score,created_at,updated_at,visitor_id,segment,journey_stage,touchpoint,locale,page_path,verified_purchase",
            lines[0]);
        var header = lines[0].Split(',');
        var row = lines[1].Split(',');
        foreach (var dimension in ContextDimension.All)
        {
            Assert.Equal(s_first[dimension.Name], dimension.ValueOf(json));
            Assert.Equal(s_first[dimension.Name], row[Array.IndexOf(header, QuickPoll.Server.Storage.ContextColumns.Column(dimension))]);
        }
    }

    [Fact]
    public async Task A_bad_value_or_a_second_filter_gets_the_same_problems_as_before()
    {
        var client = Factory.CreateClient();
        using var admin = Admin();

        Assert.Equal(
            "The journey stage must be one of: discovery, purchase, use, after-purchase.",
            await ErrorAsync(await client.GetAsync("/api/v1/summaries?target=mug-001&journeyStage=checkout"), "journeyStage"));
        Assert.Equal(
            "The touchpoint must be 1 to 64 characters long, without control characters.",
            await ErrorAsync(await client.GetAsync($"/api/v1/summaries?target=mug-001&touchpoint={new string('x', 65)}"), "touchpoint"));
        Assert.Equal(
            "Filter a summary by one of segment, journeyStage, touchpoint or locale at a time.",
            await ErrorAsync(await client.GetAsync("/api/v1/summaries?target=mug-001&segment=a&locale=en"), "filter"));
        Assert.Equal(
            "Break results down by one of: segment, journeyStage, touchpoint, locale, target.",
            await ErrorAsync(await admin.GetAsync("/api/v1/admin/results?breakdown=pagePath"), "breakdown"));
        Assert.Equal(
            "Break the figures down by one of: segment, journeyStage, touchpoint, locale, target.",
            await ErrorAsync(await admin.GetAsync("/api/v1/admin/insights/breakdown?kind=stars&by=pagePath"), "by"));
    }
}
