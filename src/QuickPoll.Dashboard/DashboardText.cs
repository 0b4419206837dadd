using QuickPoll.Contracts;

namespace QuickPoll.Dashboard;

/// <summary>Every word the staff dashboard shows, in one place (the dashboard speaks English).</summary>
internal static class DashboardText
{
    public const string Product = "QuickPoll";
    public const string SmallSample = "Small sample";
    public const string NoAnswers = "No answers in this period";

    public static string KindName(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Nps => "Net Promoter Score",
        FeedbackKind.Csat => "Customer satisfaction (CSAT)",
        FeedbackKind.Ces => "Customer effort (CES)",
        FeedbackKind.Stars => "Star rating",
        FeedbackKind.Thumbs => "Thumbs up or down",
        _ => kind.ToString(),
    };

    /// <summary>What the headline figure of a kind is.</summary>
    public static string HeadlineMeaning(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Nps => "promoters minus detractors, from -100 to 100",
        FeedbackKind.Csat => "share of answers of 4 or 5",
        FeedbackKind.Ces => "average effort, 1 to 7",
        FeedbackKind.Stars => "average stars, 1 to 5",
        FeedbackKind.Thumbs => "share of thumbs up",
        _ => "",
    };

    /// <summary>The headline's short name, as used in charts' text alternatives.</summary>
    public static string HeadlineName(FeedbackKind kind) => kind switch
    {
        FeedbackKind.Nps => "NPS",
        FeedbackKind.Csat => "CSAT",
        FeedbackKind.Ces => "Average effort",
        FeedbackKind.Stars => "Average stars",
        FeedbackKind.Thumbs => "Thumbs up",
        _ => kind.ToString(),
    };

    public static string ScoreLabel(FeedbackKind kind, int score) => kind switch
    {
        FeedbackKind.Thumbs => score == 1 ? "Up" : "Down",
        FeedbackKind.Stars => score == 1 ? "1 star" : $"{score} stars",
        _ => score.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    public static string Dimension(string dimension) =>
        ContextDimension.Find(dimension)?.Label("en") ?? (dimension == "target" ? "Product" : dimension);

    /// <summary>How a breakdown's groups are ordered: a field with defined values (the journey's stages) in their order.</summary>
    public static string GroupOrder(string dimension) =>
        ContextDimension.Find(dimension)?.Values.Count > 0 ? $"in {Dimension(dimension).ToLowerInvariant()} order" : "largest groups first";

    public static string HoldReason(string? reason) => reason switch
    {
        null => "Not held",
        "moderation" => "Every comment is held",
        "link" => "Contains a link",
        "word" => "Contains a blocked word",
        _ => reason,
    };

    public static readonly string[] HoldReasons = ["moderation", "link", "word"];

    public static string Status(CommentStatus status) => status switch
    {
        CommentStatus.Published => "Published",
        CommentStatus.Held => "Held",
        _ => "Rejected",
    };

    public static string Answers(long count) => count == 1 ? "1 answer" : $"{Figures.Count(count)} answers";

    public static string Comments(long count) => count == 1 ? "1 comment" : $"{Figures.Count(count)} comments";

    public const string LoginFailed = "That key was not accepted. Check it and try again.";
    public const string LoginThrottled = "Too many attempts. Wait a minute and try again.";
    public const string FormExpired = "The form has expired. Reload the page and try again.";
}
