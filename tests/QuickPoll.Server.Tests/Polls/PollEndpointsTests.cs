using System.Net;
using QuickPoll.Client;
using QuickPoll.Contracts;
using Refit;

namespace QuickPoll.Server.Tests.Polls;

public sealed class SqlitePollEndpointsTests() : PollEndpointsTests(QuickPollStorageProvider.Sqlite);

public sealed class PostgreSqlPollEndpointsTests() : PollEndpointsTests(QuickPollStorageProvider.PostgreSql);

public abstract class PollEndpointsTests(QuickPollStorageProvider provider) : ServerTestBase(provider)
{
    private static PollDefinition Delivery(bool allowMultiple = false) => new(
        new Dictionary<string, string> { ["en"] = "What matters most to you?", ["pl"] = "Co jest dla Ciebie najważniejsze?" },
        [
            new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price", ["pl"] = "Cena" }),
            new PollChoiceDefinition("delivery", new Dictionary<string, string> { ["en"] = "Fast delivery", ["pl"] = "Szybka dostawa" }),
            new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality", ["pl"] = "Jakość" }),
        ])
    {
        AllowMultiple = allowMultiple,
        Target = "mug-001",
    };

    [Fact]
    public async Task Staff_create_a_poll_that_visitors_read_in_their_language()
    {
        var created = await Factory.CreateAdminSdk().CreatePollAsync(Delivery());

        var polish = await Factory.CreateSdk().GetPollAsync(created.Id, "pl-PL");
        var fallback = await Factory.CreateSdk().GetPollAsync(created.Id, "de");

        Assert.Equal("pl", polish.Locale);
        Assert.Equal("Co jest dla Ciebie najważniejsze?", polish.Question);
        Assert.Equal(["Cena", "Szybka dostawa", "Jakość"], polish.Choices.Select(c => c.Label));
        Assert.True(polish.IsOpen);
        Assert.Equal("mug-001", polish.Target);
        Assert.Equal("What matters most to you?", fallback.Question);
    }

    [Fact]
    public async Task Votes_are_counted_with_percentages_and_a_visitors_second_vote_replaces_the_first()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Delivery());
        var sdk = Factory.CreateSdk();

        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { VisitorId = "visitor-aaaa" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { VisitorId = "visitor-bbbb" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { VisitorId = "visitor-cccc" });
        var last = await sdk.VoteAsync(poll.Id, new PollVoteRequest(["delivery"]) { VisitorId = "visitor-aaaa", Locale = "pl" });

        Assert.Equal(3, last.Voters);
        Assert.Equal([0L, 1L, 2L], last.Choices.Select(c => c.Count));
        Assert.Equal([0.0, 33.3, 66.7], last.Choices.Select(c => c.Percentage));
        Assert.Equal("Szybka dostawa", last.Choices[1].Label);
        var read = await sdk.GetPollResultsAsync(poll.Id);
        Assert.Equal(last.Choices.Select(c => c.Count), read.Choices.Select(c => c.Count));
    }

    [Fact]
    public async Task A_multiple_choice_poll_counts_each_pick_and_each_voter_once()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Delivery(allowMultiple: true));
        var sdk = Factory.CreateSdk();

        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price", "quality"]));
        var results = await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]));

        Assert.Equal(2, results.Voters);
        Assert.Equal([1L, 0L, 2L], results.Choices.Select(c => c.Count));
        Assert.Equal(100.0, results.Choices[2].Percentage);
    }

    [Fact]
    public async Task A_single_choice_poll_refuses_two_picks_and_unknown_choices()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Delivery());
        var sdk = Factory.CreateSdk();

        var two = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.VoteAsync(poll.Id, new PollVoteRequest(["price", "quality"])));
        var unknown = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.VoteAsync(poll.Id, new PollVoteRequest(["colour"])));

        Assert.Contains("choiceIds", two.Errors.Keys);
        Assert.Contains("choiceIds", unknown.Errors.Keys);
        Assert.Equal(0, (await sdk.GetPollResultsAsync(poll.Id)).Voters);
    }

    [Fact]
    public async Task A_closed_poll_answers_409_and_keeps_its_results()
    {
        var admin = Factory.CreateAdminSdk();
        var poll = await admin.CreatePollAsync(Delivery());
        var sdk = Factory.CreateSdk();
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]));

        await admin.UpdatePollAsync(poll.Id, poll.Definition with { Closed = true });
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"])));

        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.False((await sdk.GetPollAsync(poll.Id)).IsOpen);
        Assert.Equal(1, (await sdk.GetPollResultsAsync(poll.Id)).Voters);
    }

    [Fact]
    public async Task A_poll_outside_its_dates_is_not_open()
    {
        var admin = Factory.CreateAdminSdk();
        var ended = await admin.CreatePollAsync(Delivery() with { ActiveFrom = DateTimeOffset.UtcNow.AddDays(-10), ActiveTo = DateTimeOffset.UtcNow.AddDays(-1) });
        var future = await admin.CreatePollAsync(Delivery() with { ActiveFrom = DateTimeOffset.UtcNow.AddDays(1) });
        var sdk = Factory.CreateSdk();

        Assert.False((await sdk.GetPollAsync(ended.Id)).IsOpen);
        Assert.False((await sdk.GetPollAsync(future.Id)).IsOpen);
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.VoteAsync(future.Id, new PollVoteRequest(["price"])));
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
    }

    [Fact]
    public async Task An_unknown_poll_is_404_with_a_problem()
    {
        var sdk = Factory.CreateSdk();

        var read = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.GetPollAsync("nope"));
        var vote = await Assert.ThrowsAsync<QuickPollApiException>(() => sdk.VoteAsync("nope", new PollVoteRequest(["price"])));

        Assert.Equal(HttpStatusCode.NotFound, read.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, vote.StatusCode);
        Assert.Equal("application/problem+json", vote.ContentHeaders?.ContentType?.MediaType);
    }

    [Fact]
    public async Task Results_break_down_by_segment()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Delivery());
        var sdk = Factory.CreateSdk();
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["price"]) { Segment = "b2b" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { Segment = "consumer" });
        await sdk.VoteAsync(poll.Id, new PollVoteRequest(["quality"]) { Segment = "consumer" });

        var breakdown = await Factory.CreateAdminSdk().GetPollResultsAsync(poll.Id, "segment");

        Assert.Equal(3, breakdown.Overall.Voters);
        Assert.Equal(["b2b", "consumer"], breakdown.Groups.Select(g => g.Value));
        Assert.Equal(100.0, breakdown.Groups[0].Results.Choices[0].Percentage);
        Assert.Equal(2, breakdown.Groups[1].Results.Choices[2].Count);
    }

    [Fact]
    public async Task A_retried_vote_with_the_same_idempotency_key_counts_once()
    {
        var poll = await Factory.CreateAdminSdk().CreatePollAsync(Delivery());
        var client = Factory.CreateClient();

        for (var attempt = 0; attempt < 3; attempt++)
        {
            using var message = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/polls/{poll.Id}/votes")
            {
                Content = new StringContent("""{"choiceIds":["price"]}""", System.Text.Encoding.UTF8, "application/json"),
            };
            message.Headers.Add("Idempotency-Key", "vote-1");
            using var response = await client.SendAsync(message);
            response.EnsureSuccessStatusCode();
        }

        Assert.Equal(1, (await Factory.CreateSdk().GetPollResultsAsync(poll.Id)).Voters);
    }

    public static TheoryData<string, string> InvalidPolls => new()
    {
        { """{"question":{"en":"Q?"},"choices":[{"id":"a","label":{"en":"A"}}]}""", "choices" },
        { """{"question":{},"choices":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}]}""", "question" },
        { """{"question":{"en":"Q?"},"choices":[{"id":"a","label":{"en":"A"}},{"id":"a","label":{"en":"B"}}]}""", "choices[1].id" },
        { """{"question":{"en":"Q?","pl":"P?"},"choices":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B","pl":"B"}}]}""", "choices[0].label" },
        { """{"question":{"en":"Q?"},"choices":[{"id":"a","label":{"en":"A"}},{"id":"b","label":{"en":"B"}}],"activeFrom":"2026-02-01T00:00:00Z","activeTo":"2026-01-01T00:00:00Z"}""", "activeTo" },
        { """{"question":{"en":"Q?"},"choices":"a,b"}""", "choices" },
    };

    [Theory]
    [MemberData(nameof(InvalidPolls))]
    public async Task A_bad_poll_definition_gets_a_problem_naming_the_field(string body, string field)
    {
        var client = Factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", QuickPollServerFactory.AdminKey);

        using var response = await client.PostAsync("/api/v1/admin/polls", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.True(problem.RootElement.GetProperty("errors").TryGetProperty(field, out _), $"errors should name '{field}'");
        Assert.Empty(await Factory.CreateAdminSdk().ListPollsAsync());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-key")]
    public async Task The_admin_api_refuses_a_missing_or_wrong_key(string? key)
    {
        var refused = await Assert.ThrowsAsync<QuickPollApiException>(() => Factory.CreateAdminSdk(key).CreatePollAsync(Delivery()));

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Empty(await Factory.CreateAdminSdk().ListPollsAsync());
    }
}
