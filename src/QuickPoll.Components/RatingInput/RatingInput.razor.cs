using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.AspNetCore.Components.Web;
using QuickPoll.Contracts;

namespace QuickPoll.Components;

/// <summary>
/// The radio group every QuickPoll rating is built on, and an input of a shop's own <see cref="EditForm"/>
/// (<c>@bind-Value</c>, validation messages and the field's CSS classes, as with <see cref="InputRadioGroup{TValue}"/>):
/// native radios in a fieldset with a legend, one Tab stop with arrow keys inside (computed from the focused radio's
/// own value and reversed right to left), Home and End, Escape or Delete to clear the choice, and a read-only view.
/// It sends nothing itself; <see cref="StarRating"/> and the other <see cref="RatingScale"/> components do.
/// </summary>
/// <example>
/// <code>
/// &lt;EditForm Model="review" OnValidSubmit="SaveAsync"&gt;
///     &lt;DataAnnotationsValidator /&gt;
///     &lt;RatingInput Kind="FeedbackKind.Stars" @bind-Value="review.Stars" Label="Your rating" /&gt;
///     &lt;ValidationMessage For="() =&gt; review.Stars" /&gt;
/// &lt;/EditForm&gt;
/// </code>
/// </example>
public sealed partial class RatingInput : InputBase<int?>
{
    /// <summary>The highest score of the star scale.</summary>
    internal const int StarsMax = 5;

    internal const string StarPath = "M12 2.6l2.9 6 6.6.9-4.8 4.6 1.2 6.5L12 17.5l-5.9 3.1 1.2-6.5L2.5 9.5l6.6-.9z";
    private const string ThumbPath = "M7 10v11H3V10zm2 11h8.3a2 2 0 0 0 2-1.6l1.6-7.2A2 2 0 0 0 18.9 10H14l.8-4.1a1.8 1.8 0 0 0-3.3-1.3L9 9.4z";
    private static int s_lastInstance;

    private readonly string _idPrefix = NewIdPrefix();
    private ElementReference[] _radios = [];
    private QuickPollText _text = default!;

    /// <summary>The scale: its range, its option drawings and its default texts.</summary>
    [Parameter]
    public FeedbackKind Kind { get; set; } = FeedbackKind.Stars;

    /// <summary>Called after a deliberate pick with a mouse, pen or finger (not for the click browsers fire when arrow keys move the choice).</summary>
    [Parameter]
    public EventCallback<int> OnPicked { get; set; }

    /// <summary>The radio group's form field name; by default the bound field's name in a form that maps posted fields, else unique per instance.</summary>
    [Parameter]
    public string? Name { get; set; }

    /// <summary>The group's legend; by default a question that fits the scale, in the visitor's language.</summary>
    [Parameter]
    public string? Label { get; set; }

    /// <summary>Replaces the label at the low end of the scale ("Not at all likely" for NPS, "Very difficult" for CES).</summary>
    [Parameter]
    public string? LowLabel { get; set; }

    /// <summary>Replaces the label at the high end of the scale ("Extremely likely" for NPS, "Very easy" for CES).</summary>
    [Parameter]
    public string? HighLabel { get; set; }

    /// <summary>Replaces the accessible name (or the visible text of labelled options) of each score.</summary>
    [Parameter]
    public Func<int, string>? OptionLabel { get; set; }

    /// <summary>Replaces the accessible name of the read-only view, for example "Rated 4 of 5".</summary>
    [Parameter]
    public string? ReadOnlyLabel { get; set; }

    /// <summary>The language of the texts and numbers; by default the <see cref="QuickPollContext"/>'s, then the current UI culture.</summary>
    [Parameter]
    public string? Locale { get; set; }

    /// <summary>The text direction, <c>"ltr"</c> or <c>"rtl"</c>; right to left reverses the left and right arrows.</summary>
    [Parameter]
    public string? Dir { get; set; }

    /// <summary>When <see langword="true"/>, the options are shown but cannot be used.</summary>
    [Parameter]
    public bool Disabled { get; set; }

    /// <summary>When <see langword="true"/>, shows <see cref="InputBase{TValue}.Value"/> without any input.</summary>
    [Parameter]
    public bool ReadOnly { get; set; }

    /// <summary>How CSAT options look; other scales ignore it.</summary>
    [Parameter]
    public CsatDisplay CsatDisplay { get; set; }

    /// <summary>Rendered inside the fieldset after the options, for example a submit button.</summary>
    [Parameter]
    public RenderFragment? ChildContent { get; set; }

    [CascadingParameter]
    private QuickPollContext? Context { get; set; }

    // Inside a QuickPoll component its root brings the design tokens; alone, in a shop's form, this input brings its own.
    [CascadingParameter]
    private QuickPollRoot? Root { get; set; }

    [Inject]
    private QuickPollTexts Texts { get; set; } = default!;

    private string FieldName => Name ?? (NameAttributeValue is { Length: > 0 } name ? name : _idPrefix);

    private ScoreScale Scale => FeedbackLimits.ScaleOf(Kind);

    private string KindName => FeedbackKindNames.Of(Kind);

    private bool IsStars => Kind == FeedbackKind.Stars;

    private string InputClass => IsStars ? "qp-star-input qp-visually-hidden" : "qp-option-input qp-visually-hidden";

    private string LabelClass => IsStars ? "qp-star" : $"qp-option qp-option-{KindName}";

    private string? EffectiveDir => Dir ?? Context?.EffectiveDir ?? (_text.IsRightToLeft ? "rtl" : null);

    private bool IsRightToLeft => string.Equals(EffectiveDir, "rtl", StringComparison.OrdinalIgnoreCase);

    private bool HasEndLabels => LowLabelOrDefault is not null || HighLabelOrDefault is not null;

    private string LabelKey => Kind switch
    {
        FeedbackKind.Thumbs => "Thumbs_Label",
        FeedbackKind.Nps => "Nps_Label",
        FeedbackKind.Csat => "Csat_Label",
        FeedbackKind.Ces => "Ces_Label",
        _ => "Stars_Label",
    };

    private string? LowLabelOrDefault => LowLabel ?? Kind switch
    {
        FeedbackKind.Nps => _text["Nps_Low"],
        FeedbackKind.Ces => _text["Ces_Low"],
        _ => null,
    };

    private string? HighLabelOrDefault => HighLabel ?? Kind switch
    {
        FeedbackKind.Nps => _text["Nps_High"],
        FeedbackKind.Ces => _text["Ces_High"],
        _ => null,
    };

    private string ReadOnlyNameOrDefault => ReadOnlyLabel ?? (Value is { } score
        ? Kind is FeedbackKind.Stars or FeedbackKind.Nps or FeedbackKind.Ces ? _text.Format("Rating_ReadOnly", score, Scale.Max) : OptionNameOf(score)
        : _text["Rating_NoValue"]);

    /// <inheritdoc />
    public override Task SetParametersAsync(ParameterView parameters)
    {
        parameters.SetParameterProperties(this);

        // Without @bind-Value (a read-only view, a value given once) the input describes its own value.
        ValueExpression ??= () => Value;
        return base.SetParametersAsync(ParameterView.Empty);
    }

    /// <inheritdoc />
    protected override void OnParametersSet()
    {
        _text = Texts.For(Locale ?? Context?.EffectiveLocale);
        if (_radios.Length != Scale.Length)
        {
            _radios = new ElementReference[Scale.Length];
        }
    }

    private static string NewIdPrefix() => "qp-scale-" + Interlocked.Increment(ref s_lastInstance).ToString(CultureInfo.InvariantCulture);

    private string OptionNameOf(int score)
    {
        if (OptionLabel is not null)
        {
            return OptionLabel(score);
        }

        var number = score.ToString(_text.FormatCulture);
        return Kind switch
        {
            FeedbackKind.Stars => _text.Format("Stars_Option", score, Scale.Max),
            FeedbackKind.Thumbs => _text[score == 0 ? "Thumbs_0" : "Thumbs_1"],
            FeedbackKind.Csat => _text["Csat_" + score.ToString(CultureInfo.InvariantCulture)],
            _ when score == Scale.Min && LowLabelOrDefault is { } low => _text.Format("Scale_OptionWithEnd", number, low),
            _ when score == Scale.Max && HighLabelOrDefault is { } high => _text.Format("Scale_OptionWithEnd", number, high),
            _ => number,
        };
    }

    private static string MouthPath(int score) => score switch
    {
        1 => "M8 17q4-4 8 0",
        2 => "M8.5 16.5q3.5-2 7 0",
        3 => "M8.5 15.5h7",
        4 => "M8.5 14.5q3.5 2 7 0",
        _ => "M8 14q4 4.5 8 0",
    };

    private void Select(int? score)
    {
        if (Disabled || (score is { } s && !Scale.Contains(s)) || score == CurrentValue)
        {
            return;
        }

        // Tells the binding and the form's EditContext, which validates the field again.
        CurrentValue = score;
    }

    /// <inheritdoc />
    protected override bool TryParseValueFromString(string? value, out int? result, [NotNullWhen(false)] out string? validationErrorMessage)
    {
        validationErrorMessage = null;
        result = null;
        if (string.IsNullOrEmpty(value))
        {
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var score) && Scale.Contains(score))
        {
            result = score;
            return true;
        }

        validationErrorMessage = _text.Format("Rating_OutOfScale", DisplayName ?? FieldIdentifier.FieldName, Scale.Min, Scale.Max);
        return false;
    }

    // The component's classes, then the shop's and the EditContext's (valid, invalid, modified).
    private string Classes(string own) => string.IsNullOrEmpty(CssClass) ? own : own + " " + CssClass;

    private async Task OnClickedAsync(int score, MouseEventArgs e)
    {
        // Arrow keys make the browser fire a click with Detail 0 on the newly checked radio: select, never send.
        if (e.Detail <= 0 || Disabled)
        {
            return;
        }

        Select(score);
        await OnPicked.InvokeAsync(score);
    }

    private async Task OnKeyDownAsync(int score, KeyboardEventArgs e)
    {
        if (Disabled)
        {
            return;
        }

        if (e.Key is "Escape" or "Delete" or "Backspace")
        {
            Select(null);
            return;
        }

        // Computed from the radio's own value, so it agrees with the change event the browser fires for arrows;
        // right to left, the right arrow points to the lower score, as the browser's own radio navigation does.
        var forward = IsRightToLeft ? "ArrowLeft" : "ArrowRight";
        var backward = IsRightToLeft ? "ArrowRight" : "ArrowLeft";
        int? next = e.Key switch
        {
            _ when e.Key == forward || e.Key == "ArrowUp" => Math.Min(score + 1, Scale.Max),
            _ when e.Key == backward || e.Key == "ArrowDown" => Math.Max(score - 1, Scale.Min),
            "Home" => Scale.Min,
            "End" => Scale.Max,
            _ => null,
        };
        if (next is not { } chosen)
        {
            return;
        }

        Select(chosen);
        if (e.Key is "Home" or "End")
        {
            // Browsers move focus for arrows only.
            await _radios[chosen - Scale.Min].FocusAsync();
        }
    }
}
