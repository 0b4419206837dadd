using System.Text.Json;

namespace QuickPoll.Contracts.Tests;

public sealed class ContextDimensionTests
{
    // A value each field accepts, and one it refuses.
    private static readonly Dictionary<string, (string Valid, string Invalid)> s_samples = new()
    {
        ["segment"] = ("returning", new string('x', FeedbackLimits.MaxTagLength + 1)),
        ["journeyStage"] = ("after-purchase", "checkout"),
        ["touchpoint"] = ("product-page", "tab\there"),
        ["locale"] = ("pl-PL", "pl_PL"),
        ["pagePath"] = ("/mugs/blue", "//evil.example"),
    };

    private static readonly JsonSerializerOptions s_stringEnums = new() { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    public static TheoryData<string> Names() => [.. ContextDimension.All.Select(d => d.Name)];

    private static SubmitAnswerRequest Sample() =>
        ContextDimension.All.Aggregate(new SubmitAnswerRequest("mug-001", 4), (request, d) => d.With(request, s_samples[d.Name].Valid));

    [Fact]
    public void Every_field_has_a_sample_here_and_a_name_of_its_own()
    {
        Assert.Equal(s_samples.Keys.Order(StringComparer.Ordinal), ContextDimension.All.Select(d => d.Name).Order(StringComparer.Ordinal));
        Assert.Equal(ContextDimension.All.Count, ContextDimension.All.Select(d => d.Name).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(ContextDimension.All.Where(d => d.IsGroupable), ContextDimension.Groupable);
        Assert.DoesNotContain(ContextDimension.PagePath, ContextDimension.Groupable);
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_fields_name_and_value_are_what_the_json_says(string name)
    {
        var dimension = ContextDimension.Find(name)!;

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Sample(), QuickPollJsonContext.Default.SubmitAnswerRequest));

        Assert.Same(dimension, ContextDimension.Find(dimension.ToString()));
        Assert.Equal(s_samples[name].Valid, json.RootElement.GetProperty(name).GetString());
        Assert.Equal(s_samples[name].Valid, dimension.ValueOf(Sample()));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_field_has_an_english_and_a_polish_label(string name)
    {
        var dimension = ContextDimension.Find(name)!;

        Assert.False(string.IsNullOrWhiteSpace(dimension.Label("en")));
        Assert.False(string.IsNullOrWhiteSpace(dimension.Label("pl")));
        Assert.NotEqual(name, dimension.Label("en"));
        Assert.Equal(dimension.Label("en"), dimension.Label(null));
        Assert.Equal(dimension.Label("en"), dimension.Label("de-DE"));
        Assert.Equal(dimension.Label("pl"), dimension.Label("pl-PL"));
    }

    [Fact]
    public void Labels_speak_english_and_polish()
    {
        Assert.Equal("Journey stage", ContextDimension.JourneyStage.Label("en"));
        Assert.Equal("Etap ścieżki zakupowej", ContextDimension.JourneyStage.Label("pl-PL"));
        Assert.Equal("Language", ContextDimension.Locale.Label("en-GB"));
        Assert.Equal("Język", ContextDimension.Locale.Label("PL"));
        // A language that merely starts with the letters is not Polish.
        Assert.Equal("Touchpoint", ContextDimension.Touchpoint.Label("plt"));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void A_bad_value_is_refused_under_the_fields_name(string name)
    {
        var dimension = ContextDimension.Find(name)!;
        var request = dimension.With(Sample(), null);
        if (dimension.Values.Count == 0)
        {
            request = dimension.With(request, s_samples[name].Invalid);
        }
        else
        {
            Assert.Null(dimension.ValueOf(request));
            Assert.Equal(request, dimension.With(request, s_samples[name].Invalid));
            request = request with { JourneyStage = (JourneyStage)42 };
        }

        Assert.Null(dimension.Validate(null));
        Assert.Null(dimension.Validate(s_samples[name].Valid));
        Assert.NotNull(dimension.Validate(s_samples[name].Invalid));
        Assert.Equal([name], FeedbackLimits.Validate(request).Keys);
        Assert.Empty(FeedbackLimits.Validate(Sample()));
    }

    [Fact]
    public void Journey_stages_are_listed_in_the_journeys_order_by_their_json_names()
    {
        var names = Enum.GetValues<JourneyStage>().Select(stage => JsonSerializer.Serialize(stage, s_stringEnums).Trim('"'));

        Assert.Equal(["discovery", "purchase", "use", "after-purchase"], ContextDimension.JourneyStage.Values);
        Assert.Equal(names, ContextDimension.JourneyStage.Values);
        Assert.Equal(
            "The journey stage must be one of: discovery, purchase, use, after-purchase.",
            ContextDimension.JourneyStage.Validate("checkout"));
        Assert.Equal(JourneyStage.AfterPurchase, ContextDimension.JourneyStage.With(new SubmitAnswerRequest("mug-001", 4), "after-purchase").JourneyStage);
    }

    [Fact]
    public void An_import_is_checked_with_every_field_it_carries()
    {
        var answer = ContextDimension.All.Aggregate(
            new ImportedAnswer("mug-001", FeedbackKind.Stars, 4, DateTimeOffset.UtcNow.AddDays(-1)),
            (a, d) => d.With(a, s_samples[d.Name].Valid));

        foreach (var dimension in ContextDimension.All.Where(d => d.Values.Count == 0))
        {
            var errors = ImportLimits.Validate(new FeedbackImport { Answers = [dimension.With(answer, s_samples[dimension.Name].Invalid)] }, DateTimeOffset.UtcNow);

            Assert.Equal([$"answers[0].{dimension.Name}"], errors.Keys);
        }
    }
}
