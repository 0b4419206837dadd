using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace QuickPoll.Components.Tests.Localization;

/// <summary>A shop adds a language with a resource file of its own; every key it leaves out falls back to QuickPoll's texts.</summary>
public sealed class ShopTextsTests : QuickPollTestContext
{
    public ShopTextsTests()
        : base(services => services.AddQuickPollTexts<ShopTexts>())
    {
    }

    [Fact]
    public void The_shops_resource_file_adds_a_language()
    {
        var cut = Render<global::QuickPoll.Components.StarRating>(p => p.Add(s => s.Target, "mug-001").Add(s => s.Locale, "de-DE"));

        Assert.Equal("Bewertung senden", cut.Find(".qp-submit").TextContent);
    }

    [Fact]
    public void A_key_the_shop_leaves_out_falls_back_to_the_english_text()
    {
        var text = Services.GetRequiredService<QuickPollTexts>().For("de-DE");

        Assert.Equal("Thanks for your rating!", text["Rating_Thanks"]);
        Assert.Equal("1 Bewertung", text.Count("Summary_Count", 1));
        Assert.Equal("1.234 Bewertungen", text.Count("Summary_Count", 1234));
    }

    [Fact]
    public void Polish_keeps_quickpolls_own_texts_and_plural_forms()
    {
        var text = Services.GetRequiredService<QuickPollTexts>().For("pl-PL");

        Assert.Equal("Wyślij ocenę", text["Rating_Submit"]);
        Assert.Equal("22 oceny", text.Count("Summary_Count", 22));
    }
}
