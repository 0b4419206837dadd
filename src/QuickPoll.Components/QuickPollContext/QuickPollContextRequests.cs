using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>Copies a <see cref="QuickPollContext"/> (and a component's own locale) into the requests components send.</summary>
internal static class QuickPollContextRequests
{
    public static SubmitAnswerRequest WithContext(this SubmitAnswerRequest request, QuickPollContext? context, string? locale) =>
        request with
        {
            VisitorId = context?.EffectiveVisitorId,
            Segment = context?.EffectiveSegment,
            JourneyStage = context?.EffectiveJourneyStage,
            Touchpoint = context?.EffectiveTouchpoint,
            Locale = locale ?? context?.EffectiveLocale,
        };

    public static PollVoteRequest WithContext(this PollVoteRequest request, QuickPollContext? context, string? locale) =>
        request with
        {
            VisitorId = context?.EffectiveVisitorId,
            Segment = context?.EffectiveSegment,
            JourneyStage = context?.EffectiveJourneyStage,
            Touchpoint = context?.EffectiveTouchpoint,
            Locale = locale ?? context?.EffectiveLocale,
        };

    public static SubmitCommentRequest WithContext(this SubmitCommentRequest request, QuickPollContext? context, string? locale) =>
        request with
        {
            VisitorId = context?.EffectiveVisitorId,
            Segment = context?.EffectiveSegment,
            JourneyStage = context?.EffectiveJourneyStage,
            Touchpoint = context?.EffectiveTouchpoint,
            Locale = locale ?? context?.EffectiveLocale,
        };
}
