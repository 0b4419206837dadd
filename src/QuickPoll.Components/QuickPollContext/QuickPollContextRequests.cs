using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>Copies a <see cref="QuickPollContext"/> (and a component's own locale) into the requests components send.</summary>
internal static class QuickPollContextRequests
{
    /// <summary>One copy for answers, votes and comments alike: they share <see cref="FeedbackContext"/>.</summary>
    public static T WithContext<T>(this T request, QuickPollContext? context, string? locale)
        where T : FeedbackContext =>
        request with
        {
            VisitorId = context?.EffectiveVisitorId,
            Segment = context?.EffectiveSegment,
            JourneyStage = context?.EffectiveJourneyStage,
            Touchpoint = context?.EffectiveTouchpoint,
            Locale = locale ?? context?.EffectiveLocale,
        };
}
