using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Extensions.Localization;
using Microsoft.Extensions.Options;

[assembly: ResourceLocation("Localization")]

namespace QuickPoll.Components;

/// <summary>Which resource type holds a shop's own texts for the components.</summary>
internal sealed class QuickPollTextOptions
{
    /// <summary>The shop's resource type, or null for QuickPoll's texts alone.</summary>
    public Type? ResourceType { get; set; }
}

/// <summary>
/// Hands each component its texts: the shop's resources (if it named a type) before QuickPoll's own
/// (<c>Localization/QuickPollText.resx</c> and its translations), through the app's <see cref="IStringLocalizerFactory"/>.
/// </summary>
internal sealed class QuickPollTexts
{
    // Enough for every language a shop serves; past it, texts are made per call rather than held without bound.
    private const int MaxLanguages = 256;

    private readonly IStringLocalizer[] _localizers;
    private readonly ConcurrentDictionary<(CultureInfo Culture, CultureInfo FormatCulture), QuickPollText> _languages = new();

    public QuickPollTexts(IStringLocalizerFactory factory, IOptions<QuickPollTextOptions> options)
    {
        ArgumentNullException.ThrowIfNull(factory);
        ArgumentNullException.ThrowIfNull(options);
        var own = factory.Create(typeof(QuickPollText));
        _localizers = options.Value.ResourceType is { } shop && shop != typeof(QuickPollText) ? [factory.Create(shop), own] : [own];
    }

    /// <summary>
    /// The texts of an explicit locale (for example <c>pl-PL</c>); without one, texts follow the current UI culture
    /// and numbers the current culture, as ASP.NET Core's request localization sets them.
    /// </summary>
    /// <param name="locale">A BCP 47 tag, or <see langword="null"/> for the current cultures.</param>
    /// <returns>The texts.</returns>
    public QuickPollText For(string? locale)
    {
        var culture = TryGetCulture(locale);
        var key = (culture ?? CultureInfo.CurrentUICulture, culture ?? CultureInfo.CurrentCulture);
        if (_languages.TryGetValue(key, out var texts))
        {
            return texts;
        }

        texts = new(key.Item1, key.Item2, _localizers);
        return _languages.Count < MaxLanguages ? _languages.GetOrAdd(key, texts) : texts;
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
