using System.Globalization;

namespace QuickPoll.Contracts;

/// <summary>
/// One field of the context that feedback may carry (see <see cref="FeedbackContext"/>): its JSON name, its labels,
/// how a value is checked and, for a field with a fixed set of values, their order. Every part of QuickPoll that
/// lists the context (validation, summary filters, counters, breakdowns, the export, the dashboard) reads it from
/// <see cref="All"/>, so a new field is declared here once.
/// </summary>
public sealed class ContextDimension
{
    // Declaration order is the journey's order; declared before the fields below, whose initializers read it.
    private static readonly string[] s_stageNames = [.. Enum.GetValues<Contracts.JourneyStage>().Select(NameOf)];

    private readonly Func<FeedbackContext, string?> _read;
    private readonly Func<FeedbackContext, string?, FeedbackContext> _write;
    private readonly Func<string?, string?> _validate;
    private readonly Func<FeedbackContext, FeedbackContext, FeedbackContext> _copy;
    private readonly string _english;
    private readonly string _polish;

    private ContextDimension(
        string name, string english, string polish, bool isGroupable, IReadOnlyList<string> values,
        Func<FeedbackContext, string?> read, Func<FeedbackContext, string?, FeedbackContext> write, Func<string?, string?> validate,
        Func<FeedbackContext, FeedbackContext, FeedbackContext> copy)
    {
        (Name, _english, _polish, IsGroupable, Values) = (name, english, polish, isGroupable, values);
        (_read, _write, _validate, _copy) = (read, write, validate, copy);
    }

    /// <summary>The visitor's customer type or persona, for example <c>"returning"</c>.</summary>
    public static ContextDimension Segment { get; } = new(
        "segment", "Segment", "Segment", isGroupable: true, [],
        c => c.Segment, (c, v) => c with { Segment = v }, v => FeedbackLimits.ValidateTag(v, "segment"),
        (from, to) => to with { Segment = from.Segment });

    /// <summary>Where in the customer journey feedback was given; its <see cref="Values"/> follow the journey.</summary>
    public static ContextDimension JourneyStage { get; } = new(
        "journeyStage", "Journey stage", "Etap ścieżki zakupowej", isGroupable: true, Array.AsReadOnly(s_stageNames),
        c => StageName(c.JourneyStage), (c, v) => c with { JourneyStage = TryParseStage(v, out var stage) ? stage : null },
        v => v is null || s_stageNames.Contains(v, StringComparer.Ordinal) ? null : $"The journey stage must be one of: {string.Join(", ", s_stageNames)}.",
        (from, to) => to with { JourneyStage = from.JourneyStage });

    /// <summary>Where on the site feedback was given, for example <c>"product-page"</c>.</summary>
    public static ContextDimension Touchpoint { get; } = new(
        "touchpoint", "Touchpoint", "Punkt kontaktu", isGroupable: true, [],
        c => c.Touchpoint, (c, v) => c with { Touchpoint = v }, v => FeedbackLimits.ValidateTag(v, "touchpoint"),
        (from, to) => to with { Touchpoint = from.Touchpoint });

    /// <summary>The page's language, as a BCP 47 tag such as <c>"pl-PL"</c>.</summary>
    public static ContextDimension Locale { get; } = new(
        "locale", "Language", "Język", isGroupable: true, [],
        c => c.Locale, (c, v) => c with { Locale = v }, FeedbackLimits.ValidateLocale,
        (from, to) => to with { Locale = from.Locale });

    /// <summary>The path of the page feedback was given on. Stored and exported, but too varied to group by.</summary>
    public static ContextDimension PagePath { get; } = new(
        "pagePath", "Page", "Strona", isGroupable: false, [],
        c => c.PagePath, (c, v) => c with { PagePath = v }, FeedbackLimits.ValidatePagePath,
        (from, to) => to with { PagePath = from.PagePath });

    /// <summary>Every context field, in the order requests, errors and the export list them.</summary>
    public static IReadOnlyList<ContextDimension> All { get; } = [Segment, JourneyStage, Touchpoint, Locale, PagePath];

    /// <summary>
    /// The fields summaries can be filtered by and results broken down by (those with <see cref="IsGroupable"/>),
    /// in the order of <see cref="All"/>.
    /// </summary>
    public static IReadOnlyList<ContextDimension> Groupable { get; } = [.. All.Where(d => d.IsGroupable)];

    /// <summary>The field's name in JSON and in query strings, for example <c>"journeyStage"</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// Whether answers and votes are counted per value of this field, so that summaries can be filtered and results
    /// broken down by it.
    /// </summary>
    public bool IsGroupable { get; }

    /// <summary>
    /// The values the field accepts, in their defined order (a breakdown lists its groups in this order); empty for a
    /// field that takes free text.
    /// </summary>
    public IReadOnlyList<string> Values { get; }

    /// <summary>Finds a field by its <see cref="Name"/> (case-sensitive).</summary>
    /// <param name="name">The name, for example <c>"touchpoint"</c>.</param>
    /// <returns>The field, or <see langword="null"/> when no field has that name.</returns>
    public static ContextDimension? Find(string? name) => All.FirstOrDefault(d => string.Equals(d.Name, name, StringComparison.Ordinal));

    /// <summary>The field's label for people, in Polish for a Polish locale and in English otherwise.</summary>
    /// <param name="locale">A BCP 47 tag such as <c>"pl-PL"</c>; <see langword="null"/> for English.</param>
    /// <returns>The label, for example <c>"Journey stage"</c> or <c>"Etap ścieżki zakupowej"</c>.</returns>
    public string Label(string? locale) =>
        locale is not null && (locale.Equals("pl", StringComparison.OrdinalIgnoreCase) || locale.StartsWith("pl-", StringComparison.OrdinalIgnoreCase))
            ? _polish
            : _english;

    /// <summary>Checks a value of this field as it is sent in JSON or a query string.</summary>
    /// <param name="value">The value; <see langword="null"/> (not given) is valid.</param>
    /// <returns>A message naming the field, or <see langword="null"/> when the value is valid.</returns>
    public string? Validate(string? value) => _validate(value);

    /// <summary>The field's value in a context, as text: a journey stage by its JSON name, such as <c>"after-purchase"</c>.</summary>
    /// <param name="context">The answer's, vote's or comment's context.</param>
    /// <returns>The value, or <see langword="null"/> when the context does not carry this field.</returns>
    public string? ValueOf(FeedbackContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return _read(context);
    }

    /// <summary>A copy of a context with this field set from its text form (see <see cref="ValueOf"/>).</summary>
    /// <typeparam name="T">The context's type.</typeparam>
    /// <param name="context">The context to copy.</param>
    /// <param name="value">The value; <see langword="null"/>, or a value outside <see cref="Values"/>, leaves the field unset.</param>
    /// <returns>The copy.</returns>
    public T With<T>(T context, string? value)
        where T : FeedbackContext
    {
        ArgumentNullException.ThrowIfNull(context);
        return (T)_write(context, value);
    }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The field's name.</returns>
    public override string ToString() => Name;

    /// <summary>Copies every context field, and the visitor id, exactly (an undefined stage too, for validation to name).</summary>
    internal static T CopyContext<T>(FeedbackContext from, T to)
        where T : FeedbackContext =>
        (T)All.Aggregate((FeedbackContext)to with { VisitorId = from.VisitorId }, (copy, dimension) => dimension._copy(from, copy));

    private static string NameOf(Contracts.JourneyStage stage) => stage switch
    {
        Contracts.JourneyStage.Discovery => "discovery",
        Contracts.JourneyStage.Purchase => "purchase",
        Contracts.JourneyStage.Use => "use",
        Contracts.JourneyStage.AfterPurchase => "after-purchase",
        _ => throw new ArgumentOutOfRangeException(nameof(stage), stage, "Unknown journey stage."),
    };

    // An undefined stage keeps its number, so that validation names it rather than dropping it.
    private static string? StageName(Contracts.JourneyStage? stage) =>
        stage is not { } s ? null : Enum.IsDefined(s) ? NameOf(s) : ((int)s).ToString(CultureInfo.InvariantCulture);

    private static bool TryParseStage(string? name, out Contracts.JourneyStage stage)
    {
        var index = name is null ? -1 : Array.IndexOf(s_stageNames, name);
        stage = index < 0 ? default : Enum.GetValues<Contracts.JourneyStage>()[index];
        return index >= 0;
    }
}
