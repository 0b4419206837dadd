using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// Writes a schema.org <c>Product</c> with its <c>aggregateRating</c> and <c>review</c> items as JSON-LD for a
/// <c>&lt;script type="application/ld+json"&gt;</c>: only a product, never an organization or a local business,
/// whose self-serving ratings search engines ignore.
/// </summary>
internal static class ProductStructuredData
{
    // Escapes <, >, &, ' and " inside strings (as \u003C ...), so "</script>" in a review cannot end the element;
    // letters of every language stay readable.
    private static readonly JsonWriterOptions s_options = new()
    {
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.All),
    };

    /// <summary>The JSON-LD text.</summary>
    /// <param name="productName">The product's name, as the page shows it.</param>
    /// <param name="summary">The star summary; its count must be above zero.</param>
    /// <param name="reviewCount">How many published reviews the product has, if known.</param>
    /// <param name="reviews">Reviews to list; those without stars are left out, as a review item needs a rating.</param>
    /// <param name="anonymous">The author's name for reviews without a display name.</param>
    /// <returns>The JSON, safe to place inside a script element.</returns>
    public static string Write(string productName, FeedbackSummary summary, long? reviewCount, IEnumerable<PublishedComment> reviews, string anonymous)
    {
        var scale = FeedbackLimits.ScaleOf(FeedbackKind.Stars);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, s_options))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "Product");
            json.WriteString("name", productName);

            json.WriteStartObject("aggregateRating");
            json.WriteString("@type", "AggregateRating");
            json.WriteNumber("ratingValue", Math.Round(Math.Clamp(summary.Average, scale.Min, scale.Max), 2));
            json.WriteNumber("ratingCount", summary.Count);
            if (reviewCount is > 0 and var count)
            {
                json.WriteNumber("reviewCount", count);
            }

            json.WriteNumber("bestRating", scale.Max);
            json.WriteNumber("worstRating", scale.Min);
            json.WriteEndObject();

            var rated = reviews.Where(r => r.Rating is { } stars && scale.Contains(stars)).ToList();
            if (rated.Count > 0)
            {
                json.WriteStartArray("review");
                foreach (var review in rated)
                {
                    json.WriteStartObject();
                    json.WriteString("@type", "Review");
                    json.WriteStartObject("author");
                    json.WriteString("@type", "Person");
                    json.WriteString("name", review.DisplayName ?? anonymous);
                    json.WriteEndObject();
                    json.WriteString("datePublished", review.CreatedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
                    json.WriteString("reviewBody", review.Text);
                    json.WriteStartObject("reviewRating");
                    json.WriteString("@type", "Rating");
                    json.WriteNumber("ratingValue", review.Rating!.Value);
                    json.WriteNumber("bestRating", scale.Max);
                    json.WriteNumber("worstRating", scale.Min);
                    json.WriteEndObject();
                    json.WriteEndObject();
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
