using QuickPoll.Client;
using QuickPoll.Contracts;

namespace QuickPoll.Demo.Components;

/// <summary>
/// Two months of made-up but plausible feedback, imported once into an empty shop so the staff dashboard has
/// something to show, and the last 30 days a previous period to compare with: several segments, journey stages and
/// touchpoints, a shop NPS that improves over time,
/// one product with too few answers to trust, comments waiting for moderation, and poll votes per segment.
/// </summary>
internal static class DemoHistory
{
    /// <summary>The shop-wide NPS target the product pages ask about.</summary>
    public const string ShopTarget = "shop";

    private static readonly string[] Segments = ["first-time", "returning", "business"];
    private static readonly JourneyStage[] Stages = [JourneyStage.Discovery, JourneyStage.Purchase, JourneyStage.Use, JourneyStage.AfterPurchase];
    private static readonly string[] Touchpoints = ["product-page", "checkout", "order-email", "support-chat"];

    /// <summary>Imports the month unless the shop already has shop-wide NPS answers (the history is then already there, or real).</summary>
    public static async Task SeedAsync(IQuickPollAdminApi admin, IQuickPollApi api, string? pollId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if ((await api.GetSummaryAsync(ShopTarget, FeedbackKind.Nps, cancellationToken)).Count > 0)
        {
            return;
        }

        var random = new Random(2026);
        var import = new FeedbackImport { Answers = Answers(random, now), Comments = Comments(now) };
        await admin.ImportAsync(import, cancellationToken);

        if (pollId is not null)
        {
            // Votes are stored as they arrive (today): the poll's results per segment are what the dashboard shows.
            string[][] preferences = [["journal", "planning"], ["notes", "planning"], ["notes", "sketching"]];
            for (var i = 0; i < 45; i++)
            {
                var segment = i % 3;
                var choice = preferences[segment][random.Next(preferences[segment].Length)];
                await api.VoteAsync(pollId, new PollVoteRequest([choice]) { Segment = Segments[segment], JourneyStage = JourneyStage.Use }, cancellationToken);
            }
        }
    }

    private static List<ImportedAnswer> Answers(Random random, DateTimeOffset now)
    {
        var answers = new List<ImportedAnswer>();
        const int Days = 60;
        var start = now.AddDays(-Days);

        ImportedAnswer Answer(string target, FeedbackKind kind, int score, int day, int segment, int stage, int touchpoint) =>
            new(target, kind, score, start.AddDays(day).AddMinutes(random.Next(8 * 60, 22 * 60)))
            {
                Segment = Segments[segment], JourneyStage = Stages[stage], Touchpoint = Touchpoints[touchpoint], Locale = random.Next(4) == 0 ? "pl-PL" : "en-US",
            };

        for (var day = 0; day < Days; day++)
        {
            // Shop NPS: business buyers promote, first-time buyers less so; delivery got better over the weeks.
            for (var i = 0; i < 9 + random.Next(5); i++)
            {
                var segment = random.Next(3);
                var lift = day / 20;
                var score = segment switch
                {
                    0 => Clamp(random.Next(3, 10) + lift, 0, 10),
                    1 => Clamp(random.Next(6, 11) + lift / 2, 0, 10),
                    _ => Clamp(random.Next(7, 11), 0, 10),
                };
                answers.Add(Answer(ShopTarget, FeedbackKind.Nps, score, day, segment, 3, random.Next(2) == 0 ? 2 : 3));
            }

            // Stars per product: the mug is loved, the T-shirt divides, the notebook is steady, the tote bag is new and rarely rated.
            foreach (var (sku, low, perDay) in new[] { ("mug-001", 4, 3), ("tee-002", 2, 3), ("note-003", 3, 2), ("tote-004", 3, day % 3 == 0 ? 1 : 0) })
            {
                for (var i = 0; i < perDay; i++)
                {
                    answers.Add(Answer(sku, FeedbackKind.Stars, random.Next(low, 6), day, random.Next(3), 2, 0));
                }
            }

            // CSAT on fit and delivery, CES of the checkout, thumbs on the mug's page.
            answers.Add(Answer("tee-002", FeedbackKind.Csat, random.Next(2, 6), day, random.Next(3), 2, 0));
            answers.Add(Answer("mug-001", FeedbackKind.Csat, random.Next(3, 6), day, random.Next(3), 3, 2));
            for (var i = 0; i < 3; i++)
            {
                var segment = random.Next(3);
                answers.Add(Answer("checkout", FeedbackKind.Ces, segment == 0 ? random.Next(3, 8) : random.Next(5, 8), day, segment, 1, 1));
            }

            answers.Add(Answer("mug-001", FeedbackKind.Thumbs, random.Next(5) == 0 ? 0 : 1, day, random.Next(3), 0, 0));
        }

        return answers;
    }

    private static List<ImportedComment> Comments(DateTimeOffset now)
    {
        ImportedComment Comment(string sku, int daysAgo, int rating, string name, string text, string segment, CommentStatus? status = null) =>
            new(sku, text, now.AddDays(-daysAgo).AddHours(-3))
            {
                Rating = rating, DisplayName = name, Status = status, Segment = segment, JourneyStage = JourneyStage.Use, Touchpoint = "product-page",
            };

        return
        [
            Comment("mug-001", 27, 5, "Marta", "Took it on a week-long hike. Not a chip in the enamel.", "returning"),
            Comment("mug-001", 19, 4, "Tom", "Great mug, but the handle gets hot over a fire.", "first-time"),
            Comment("mug-001", 6, 5, "Anna K.", "Bought six for the office. Everyone asks where they are from.", "business"),
            Comment("tee-002", 24, 2, "Piotr", "Shrank a size after the first wash.", "first-time"),
            Comment("tee-002", 12, 4, "Jo", "Soft and heavy, exactly as described.", "returning"),
            Comment("tee-002", 3, 3, "Sam", "Nice fabric, the colour is darker than the photo.", "first-time"),
            Comment("note-003", 21, 5, "Kasia", "Fountain pen friendly, as promised. No ghosting.", "returning"),
            Comment("note-003", 9, 4, "Lee", "Numbered pages make indexing easy.", "business"),
            Comment("tote-004", 15, 4, "Ola", "Sturdy, and the inside pocket is handy.", "returning"),
            // Waiting for staff: held for a link, for a blocked word (see appsettings.json), and one held by hand.
            Comment("mug-001", 2, 1, "deals4u", "Same mug half price at http://cheap-mugs.example", "first-time"),
            Comment("tee-002", 1, 2, "Rob", "Second order in a row with the wrong size in the parcel.", "returning", CommentStatus.Held),
            Comment("note-003", 1, 5, "Iza", "Lovely paper. See my review on https://blog.example/notebooks", "returning"),
            Comment("tote-004", 0, 1, "Kim", "Is this a scam? Paid three weeks ago and still no parcel.", "first-time"),
        ];
    }

    private static int Clamp(int value, int min, int max) => Math.Min(Math.Max(value, min), max);
}
