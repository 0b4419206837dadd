using QuickPoll.Contracts;

namespace QuickPoll.Server.Answers;

/// <summary>The context dimensions that summaries can be filtered and broken down by.</summary>
internal static class AnswerContext
{
    public const string Segment = "segment";
    public const string JourneyStage = "journeyStage";
    public const string Touchpoint = "touchpoint";
    public const string Locale = "locale";

    public static string? StageName(JourneyStage? stage) => stage switch
    {
        null => null,
        Contracts.JourneyStage.Discovery => "discovery",
        Contracts.JourneyStage.Purchase => "purchase",
        Contracts.JourneyStage.Use => "use",
        Contracts.JourneyStage.AfterPurchase => "after-purchase",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown journey stage."),
    };

    public static bool IsStageName(string value) => value is "discovery" or "purchase" or "use" or "after-purchase";

    /// <summary>The (dimension, value) pairs an answer is counted under, beside the overall counter.</summary>
    public static IEnumerable<(string Dimension, string Value)> Of(string? segment, string? stage, string? touchpoint, string? locale)
    {
        if (segment is not null)
        {
            yield return (Segment, segment);
        }

        if (stage is not null)
        {
            yield return (JourneyStage, stage);
        }

        if (touchpoint is not null)
        {
            yield return (Touchpoint, touchpoint);
        }

        if (locale is not null)
        {
            yield return (Locale, locale);
        }
    }
}
