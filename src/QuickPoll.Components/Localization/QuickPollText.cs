using System.Globalization;
using System.Resources;

[assembly: NeutralResourcesLanguage("en")]

namespace QuickPoll.Components;

/// <summary>
/// The components' texts in one language (English and Polish ship in the package), with plural forms chosen by
/// the language's rules, and the culture that formats numbers and dates beside them.
/// </summary>
internal sealed class QuickPollText
{
    private static readonly ResourceManager s_resources =
        new(typeof(QuickPollText)); // the .resx files beside this class are named after it

    private QuickPollText(CultureInfo culture, CultureInfo formatCulture)
    {
        Culture = culture;
        FormatCulture = formatCulture;
    }

    /// <summary>The language of the texts.</summary>
    public CultureInfo Culture { get; }

    /// <summary>The culture that formats numbers and dates.</summary>
    public CultureInfo FormatCulture { get; }

    /// <summary>Whether the language is written right to left.</summary>
    public bool IsRightToLeft => Culture.TextInfo.IsRightToLeft;

    /// <summary>A text in the language, or its English original when it has no translation.</summary>
    /// <param name="key">The resource key.</param>
    public string this[string key] => s_resources.GetString(key, Culture) ?? key;

    /// <summary>
    /// The texts of an explicit locale (for example <c>pl-PL</c>); without one, texts follow the current UI culture
    /// and numbers the current culture, as ASP.NET Core's request localization sets them.
    /// </summary>
    /// <param name="locale">A BCP 47 tag, or <see langword="null"/> for the current cultures.</param>
    /// <returns>The texts.</returns>
    public static QuickPollText For(string? locale)
    {
        var culture = TryGetCulture(locale);
        return new(culture ?? CultureInfo.CurrentUICulture, culture ?? CultureInfo.CurrentCulture);
    }

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
        var pattern = s_resources.GetString(key + "_" + PluralCategory(Culture, count), Culture)
            ?? s_resources.GetString(key + "_other", Culture)
            ?? key;
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
        var n = Math.Abs(count);
        switch (culture.TwoLetterISOLanguageName)
        {
            case "pl":
                if (n == 1)
                {
                    return "one";
                }

                var lastDigit = n % 10;
                var lastTwo = n % 100;
                return lastDigit is >= 2 and <= 4 && lastTwo is not (>= 12 and <= 14) ? "few" : "many";
            default:
                // English and the fallback for languages without their own resources.
                return n == 1 ? "one" : "other";
        }
    }

    private static CultureInfo? TryGetCulture(string? locale)
    {
        if (string.IsNullOrWhiteSpace(locale))
        {
            return null;
        }

        try
        {
            return CultureInfo.GetCultureInfo(locale);
        }
        catch (CultureNotFoundException)
        {
            return null; // an unknown tag falls back to the current cultures rather than breaking the page
        }
    }
}
