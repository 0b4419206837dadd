using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;

namespace QuickPoll.Components;

/// <summary>
/// The components' texts in one language, read through <see cref="IStringLocalizer"/>: the shop's own resources first
/// (see <c>AddQuickPollTexts&lt;TResource&gt;()</c>), then QuickPoll's (English, Polish), key by key; plural forms are
/// chosen by the language's rules, and the culture that formats numbers and dates comes beside them.
/// </summary>
internal sealed class QuickPollText
{
    private readonly IStringLocalizer[] _localizers;

    // Resource texts do not change while the app runs: each key is looked up once per language.
    private readonly ConcurrentDictionary<string, string?> _found = new(StringComparer.Ordinal);

    internal QuickPollText(CultureInfo culture, CultureInfo formatCulture, IStringLocalizer[] localizers)
    {
        Culture = culture;
        FormatCulture = formatCulture;
        _localizers = localizers;
    }

    /// <summary>The language of the texts.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The culture that formats numbers and dates.</summary>
    public CultureInfo FormatCulture { get; }

    /// <summary>Whether the language is written right to left.</summary>
    public bool IsRightToLeft => Culture.TextInfo.IsRightToLeft;

    /// <summary>A text in the language, or its English original when it has no translation.</summary>
    /// <param name="key">The resource key.</param>
    public string this[string key] => Find(key) ?? key;

    /// <summary>A text with its placeholders filled, numbers formatted for the visitor.</summary>
    /// <param name="key">The resource key.</param>
    /// <param name="args">The values of <c>{0}</c>, <c>{1}</c>, ...</param>
    /// <returns>The formatted text.</returns>
    public string Format(string key, params object?[] args) => string.Format(FormatCulture, this[key], args);

    /// <summary>A count with its noun in the right plural form, for example "5 ocen" or "22 oceny".</summary>
    /// <param name="key">The key without its plural suffix (<c>_one</c>, <c>_few</c>, <c>_many</c>, <c>_other</c>).</param>
    /// <param name="count">The count.</param>
    /// <returns>The formatted count.</returns>
    public string Count(string key, long count)
    {
        var pattern = Find(key + "_" + PluralCategory(Culture, count)) ?? Find(key + "_other") ?? key;
        return string.Format(FormatCulture, pattern, Number(count));
    }

    /// <summary>A whole number with the visitor's digit grouping.</summary>
    /// <param name="value">The number.</param>
    /// <returns>The formatted number.</returns>
    public string Number(long value) => value.ToString("N0", FormatCulture);

    /// <summary>The CLDR plural category of a whole number: <c>one</c>, <c>few</c>, <c>many</c> or <c>other</c>.</summary>
    /// <param name="culture">The language.</param>
    /// <param name="count">The number.</param>
    /// <returns>The category's name.</returns>
    internal static string PluralCategory(CultureInfo culture, long count)
    {
        // CLDR's cardinal rules for whole numbers, for the languages a shop is likely to add; a form a language has
        // no key for falls back to _other.
        var n = Math.Abs(count);
        var (lastDigit, lastTwo) = (n % 10, n % 100);
        var oneOfTen = lastDigit == 1 && lastTwo != 11;
        var fewOfTen = lastDigit is >= 2 and <= 4 && lastTwo is not (>= 12 and <= 14);
        return culture.TwoLetterISOLanguageName switch
        {
            "pl" => n == 1 ? "one" : fewOfTen ? "few" : "many",
            "ru" or "uk" or "be" => oneOfTen ? "one" : fewOfTen ? "few" : "many",
            "hr" or "sr" or "bs" => oneOfTen ? "one" : fewOfTen ? "few" : "other",
            "cs" or "sk" => n == 1 ? "one" : n is >= 2 and <= 4 ? "few" : "other",
            "fr" or "pt" => n is 0 or 1 ? "one" : "other",
            "ja" or "zh" or "ko" or "vi" or "th" or "id" or "ms" => "other",
            _ => n == 1 ? "one" : "other", // English, German, Spanish, Italian, Dutch, the Nordic languages, ...
        };
    }

    // A localizer reads the current UI culture: it is this text's culture for the length of the look-up.
    private string? Find(string key) => _found.TryGetValue(key, out var text) ? text : _found.GetOrAdd(key, LookUp(key));

    private string? LookUp(string key)
    {
        var previous = CultureInfo.CurrentUICulture;
        var swap = !Equals(previous, Culture);
        if (swap)
        {
            CultureInfo.CurrentUICulture = Culture;
        }

        try
        {
            foreach (var localizer in _localizers)
            {
                if (localizer[key] is { ResourceNotFound: false } text)
                {
                    return text.Value;
                }
            }

            return null;
        }
        finally
        {
            if (swap)
            {
                CultureInfo.CurrentUICulture = previous;
            }
        }
    }
}
