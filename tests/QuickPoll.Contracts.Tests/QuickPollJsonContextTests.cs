using System.Text.Json;

namespace QuickPoll.Contracts.Tests;

public sealed class QuickPollJsonContextTests
{
    [Fact]
    public void A_request_is_written_with_camel_case_names_and_the_kind_as_its_wire_name()
    {
        var json = JsonSerializer.Serialize(new SubmitAnswerRequest("mug-001", 9) { Kind = FeedbackKind.Nps }, QuickPollJsonContext.Default.SubmitAnswerRequest);

        using var document = JsonDocument.Parse(json);
        Assert.Equal("mug-001", document.RootElement.GetProperty("target").GetString());
        Assert.Equal(9, document.RootElement.GetProperty("score").GetInt32());
        Assert.Equal("nps", document.RootElement.GetProperty("kind").GetString());
    }

    [Fact]
    public void A_request_without_a_kind_reads_as_stars()
    {
        var request = JsonSerializer.Deserialize("""{"target":"mug-001","score":4}""", QuickPollJsonContext.Default.SubmitAnswerRequest);

        Assert.Equal(new SubmitAnswerRequest("mug-001", 4), request);
    }

    [Fact]
    public void An_unknown_kind_name_fails_at_its_path()
    {
        var exception = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize("""{"target":"mug-001","score":4,"kind":"smileys"}""", QuickPollJsonContext.Default.SubmitAnswerRequest));

        Assert.Equal("$.kind", exception.Path);
    }

    [Fact]
    public void A_summary_round_trips()
    {
        var summary = FeedbackSummary.FromDistribution("mug-001", FeedbackKind.Stars, [1, 0, 0, 2, 9]);

        var json = JsonSerializer.Serialize(summary, QuickPollJsonContext.Default.FeedbackSummary);
        var back = JsonSerializer.Deserialize(json, QuickPollJsonContext.Default.FeedbackSummary)!;

        Assert.Equal(summary.Count, back.Count);
        Assert.Equal(summary.Average, back.Average);
        Assert.Equal(summary.Distribution, back.Distribution);
        Assert.Equal(FeedbackKind.Stars, back.Kind);
    }

    [Theory]
    [InlineData("stars", FeedbackKind.Stars)]
    [InlineData("NPS", FeedbackKind.Nps)]
    [InlineData("Ces", FeedbackKind.Ces)]
    public void Wire_names_parse_ignoring_case(string name, FeedbackKind expected)
    {
        Assert.True(FeedbackKindNames.TryParse(name, out var kind));
        Assert.Equal(expected, kind);
        Assert.Equal(name.ToLowerInvariant(), FeedbackKindNames.Of(kind));
    }

    [Theory]
    [InlineData("")]
    [InlineData("2")]
    [InlineData("smileys")]
    [InlineData(null)]
    public void Unknown_wire_names_do_not_parse(string? name) => Assert.False(FeedbackKindNames.TryParse(name, out _));
}
