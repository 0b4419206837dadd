using System.Globalization;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace QuickPoll.Components.Tests.Localization;

public sealed class QuickPollTextTests : QuickPollTestContext
{
    [Theory]
    [InlineData(1, "1 ocena")]
    [InlineData(2, "2 oceny")]
    [InlineData(3, "3 oceny")]
    [InlineData(5, "5 ocen")]
    [InlineData(12, "12 ocen")]
    [InlineData(22, "22 oceny")]
    [InlineData(25, "25 ocen")]
    [InlineData(0, "0 ocen")]
    [InlineData(104, "104 oceny")]
    [InlineData(113, "113 ocen")]
    public void Polish_counts_take_the_right_plural_form(long count, string expected) =>
        Assert.Equal(expected, TextsFor("pl-PL").Count("Summary_Count", count));

    [Theory]
    [InlineData(1, "1 rating")]
    [InlineData(2, "2 ratings")]
    [InlineData(0, "0 ratings")]
    public void English_counts_take_one_or_other(long count, string expected) =>
        Assert.Equal(expected, TextsFor("en").Count("Summary_Count", count));

    [Theory]
    [InlineData("pl", 1, "one")]
    [InlineData("pl", 2, "few")]
    [InlineData("pl", 5, "many")]
    [InlineData("pl", 12, "many")]
    [InlineData("pl", 22, "few")]
    [InlineData("pl", 25, "many")]
    [InlineData("ru", 21, "one")]
    [InlineData("ru", 11, "many")]
    [InlineData("uk", 23, "few")]
    [InlineData("cs", 3, "few")]
    [InlineData("cs", 22, "other")]
    [InlineData("hr", 31, "one")]
    [InlineData("fr", 0, "one")]
    [InlineData("fr", 2, "other")]
    [InlineData("ja", 1, "other")]
    [InlineData("de", 1, "one")]
    [InlineData("de", 0, "other")]
    public void Plural_forms_follow_the_cldr_rules_of_the_language(string language, long count, string expected) =>
        Assert.Equal(expected, QuickPollText.PluralCategory(CultureInfo.GetCultureInfo(language), count));

    [Fact]
    public void Polish_summary_reads_naturally()
    {
        Api.OnGetSummary = target => Task.FromResult(FakeQuickPollApi.Summary(target, 0, 0, 1, 4, 7));

        var cut = Render<global::QuickPoll.Components.RatingSummary>(p => p.Add(s => s.Target, "mug-001").Add(s => s.Locale, "pl-PL"));

        Assert.Equal("4,5 · 12 ocen", cut.Find(".qp-summary-text").TextContent);
        Assert.Equal("Ocena 4,5 z 5", cut.Find("[role=img]").GetAttribute("aria-label"));
        Assert.Equal(["5 gwiazdek", "4 gwiazdki", "3 gwiazdki", "2 gwiazdki", "1 gwiazdka"], cut.FindAll(".qp-distribution-label").Select(l => l.TextContent));
    }

    [Fact]
    public void Texts_follow_the_current_ui_culture_without_a_locale()
    {
        var (ui, culture) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = CultureInfo.GetCultureInfo("pl-PL");
        try
        {
            Api.OnGetSummary = target => Task.FromResult(FakeQuickPollApi.Summary(target, 0, 0, 0, 0, 22));

            var cut = Render<global::QuickPoll.Components.RatingSummary>(p => p.Add(s => s.Target, "mug-001"));

            Assert.Equal("5,0 · 22 oceny", cut.Find(".qp-summary-text").TextContent);
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, culture);
        }
    }

    [Fact]
    public void An_unknown_locale_falls_back_to_the_current_cultures()
    {
        Assert.Equal(CultureInfo.CurrentUICulture, TextsFor("not a locale!").Culture);
    }

    private QuickPollText TextsFor(string locale) => Services.GetRequiredService<QuickPollTexts>().For(locale);
}
