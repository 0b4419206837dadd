using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Endpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;
using QuickPoll.Components;
using QuickPoll.Contracts;

namespace QuickPoll.TagHelpers.Tests;

/// <summary>
/// The tag helpers on the Razor Pages shop's pages render exactly what the components render (markup, texts, accessible
/// names, scoped-style attributes), apart from where their forms post: to the form handler, with antiforgery and what
/// the handler needs. The context around them travels with the form; the request's culture picks the language.
/// </summary>
public sealed partial class TagHelperRenderingTests : IAsyncLifetime
{
    private readonly RazorPagesShop shop = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await shop.DisposeAsync();

    [Theory]
    [InlineData("/Product", "rating", typeof(StarRating), "target=mug-001")]
    [InlineData("/Product", "summary", typeof(RatingSummary), "target=mug-001;product=Mug")]
    [InlineData("/Product", "reviews", typeof(ReviewList), "target=mug-001")]
    [InlineData("/Product", "comment", typeof(CommentBox), "target=mug-001")]
    [InlineData("/Product", "policy", typeof(ReviewPolicy), "")]
    [InlineData("/Kinds", "thumbs", typeof(ThumbsRating), "target=kettle-002")]
    [InlineData("/Kinds", "nps", typeof(NpsRating), "target=kettle-002")]
    [InlineData("/Kinds", "csat", typeof(CsatRating), "target=kettle-002")]
    [InlineData("/Kinds", "ces", typeof(CesRating), "target=kettle-002;label=How easy was the set-up?")]
    public async Task Each_tag_helper_renders_its_components_markup(string path, string id, Type component, string given)
    {
        var page = await shop.Browser().GetStringAsync(new Uri(path, UriKind.Relative));

        var expected = await RenderAsync(component, id, given);

        Assert.Contains(Normalized(expected), Normalized(page), StringComparison.Ordinal);
        // The element itself is gone: a script that defines it as a custom element never sees it on this page.
        Assert.DoesNotContain("<quickpoll-", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_poll_tag_helper_renders_the_poll_component()
    {
        var pollId = await CreatePollAsync();
        var page = await shop.Browser().GetStringAsync(new Uri($"/Product?poll={pollId}", UriKind.Relative));

        var expected = await RenderAsync(typeof(Components.QuickPoll), "poll", $"poll={pollId}");

        Assert.Contains(Normalized(expected), Normalized(page), StringComparison.Ordinal);
        Assert.Contains("What matters most to you?", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_a_poll_the_product_page_has_none()
    {
        var page = await shop.Browser().GetStringAsync(new Uri("/Product?poll=no-such-poll", UriKind.Relative));

        Assert.DoesNotContain("qp-poll", page, StringComparison.Ordinal);
        Assert.Contains("qp-star-rating", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Every_form_posts_to_the_form_handler_with_an_antiforgery_token_and_what_it_is_about()
    {
        var pollId = await CreatePollAsync();
        var page = await shop.Browser().GetStringAsync(new Uri($"/Product?poll={pollId}", UriKind.Relative));

        var forms = Forms().Matches(page).Select(m => m.Value).ToList();
        Assert.Equal(3, forms.Count);
        Assert.All(forms, form => Assert.Equal("/quickpoll/form", RazorPagesShop.Attribute(form, "action")));
        Assert.All(forms, form => Assert.Matches("name=\"__RequestVerificationToken\" value=\"[^\"]{20,}\"", form));
        Assert.All(forms, form => Assert.Matches("name=\"qp-key\" value=\"[0-9a-f]{32}\"", form));
        Assert.All(forms, form => Assert.Equal("/Product?poll=" + pollId, Hidden(form, "qp-return")));
        Assert.All(forms, form => Assert.Equal("en", Hidden(form, "qp-lang")));

        var rating = forms.Single(f => f.Contains("qp-score", StringComparison.Ordinal));
        Assert.Equal(("qp-stars-mug-001", "stars", "mug-001"), (Hidden(rating, "qp-form"), Hidden(rating, "qp-kind"), Hidden(rating, "qp-target")));
        var comment = forms.Single(f => f.Contains("name=\"text\"", StringComparison.Ordinal));
        Assert.Equal(("qp-comment-mug-001", "comment", "mug-001"), (Hidden(comment, "qp-form"), Hidden(comment, "qp-kind"), Hidden(comment, "qp-target")));
        Assert.NotEmpty(Hidden(comment, "formToken"));
        var poll = forms.Single(f => f.Contains("qp-choice", StringComparison.Ordinal));
        Assert.Equal(("qp-poll-" + pollId, "poll", pollId), (Hidden(poll, "qp-form"), Hidden(poll, "qp-kind"), Hidden(poll, "qp-poll")));
    }

    [Fact]
    public async Task A_context_passes_its_values_to_the_elements_inside_it_and_an_inner_one_inherits_what_it_does_not_set()
    {
        var browser = shop.Browser();
        var product = await browser.GetStringAsync(new Uri("/Product", UriKind.Relative));
        var kinds = await browser.GetStringAsync(new Uri("/Kinds", UriKind.Relative));

        var star = RazorPagesShop.FormWith(product, "qp-score").Fields;
        Assert.Equal(("returning", "purchase", "product-page"), (star["qp-segment"], star["qp-journey-stage"], star["qp-touchpoint"]));

        var thumbs = Forms().Matches(kinds).Select(m => m.Value).Single(f => Hidden(f, "qp-kind") == "thumbs");
        Assert.Equal(("b2b", "use", "manual"), (Hidden(thumbs, "qp-segment"), Hidden(thumbs, "qp-journey-stage"), Hidden(thumbs, "qp-touchpoint")));

        // Outside any context: nothing but what the rating itself is about.
        var plain = Forms().Matches(kinds).Select(m => m.Value).Single(f => Hidden(f, "qp-kind") == "stars");
        Assert.DoesNotContain("qp-segment", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("qp-journey-stage", plain, StringComparison.Ordinal);
        Assert.DoesNotContain("qp-touchpoint", plain, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_shops_own_attributes_go_on_the_components_root()
    {
        var kinds = await shop.Browser().GetStringAsync(new Uri("/Kinds", UriKind.Relative));

        Assert.Contains("<div id=\"plain\" data-sku=\"kettle-002\" data-kind=\"stars\" data-state=\"idle\" class=\"qp-root qp-rating qp-star-rating qp-size-medium shop-rating\"", kinds, StringComparison.Ordinal);
    }

    [Fact]
    public async Task With_a_polish_culture_the_texts_and_the_forms_language_are_polish()
    {
        var browser = shop.Browser();
        browser.DefaultRequestHeaders.AcceptLanguage.ParseAdd("pl-PL,pl;q=0.9");

        var page = await browser.GetStringAsync(new Uri("/Product", UriKind.Relative));

        var text = WebUtility.HtmlDecode(page);
        Assert.Contains("<html lang=\"pl\">", page, StringComparison.Ordinal);
        Assert.Contains(">Wyślij ocenę</button>", text, StringComparison.Ordinal);
        Assert.Contains("1 z 5 gwiazdek", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Send rating", text, StringComparison.Ordinal);
        Assert.Equal("pl", RazorPagesShop.FormWith(page, "qp-score").Fields["qp-lang"]);
        var expected = await RenderAsync(typeof(StarRating), "rating", "target=mug-001", "pl");
        Assert.Contains(Normalized(expected), Normalized(page), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_outcome_in_the_address_is_shown_by_the_component_it_names()
    {
        var page = await shop.Browser().GetStringAsync(new Uri("/Product?qp-form=qp-stars-mug-001&qp-outcome=sent%3A4", UriKind.Relative));

        Assert.Contains("data-kind=\"stars\" data-state=\"sent\" data-score=\"4\"", page, StringComparison.Ordinal);
        Assert.Matches("role=\"status\" aria-live=\"polite\"[^>]*>Thanks for your rating!</p>", page);
        // The comment box was not the one sent.
        Assert.Contains("class=\"qp-root qp-comment-box qp-size-medium\"", page, StringComparison.Ordinal);
        Assert.Matches("id=\"comment\" data-state=\"idle\"", page);
    }

    [Fact]
    public async Task The_components_scoped_styles_come_with_the_apps_style_bundle()
    {
        var browser = shop.Browser();
        var bundle = await browser.GetStringAsync(new Uri("/QuickPoll.RazorPagesShop.styles.css", UriKind.Relative));
        var import = Regex.Match(bundle, "@import '([^']*QuickPoll\\.Components[^']*)'").Groups[1].Value;
        Assert.NotEmpty(import);

        var styles = await browser.GetStringAsync(new Uri("/" + import.TrimStart('/'), UriKind.Relative));

        var scope = Regex.Match(await browser.GetStringAsync(new Uri("/Product", UriKind.Relative)), "class=\"qp-star\" (b-[a-z0-9]+)").Groups[1].Value;
        Assert.Contains($".qp-star[{scope}]", styles, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("bogus")]
    [InlineData("Stars ")]
    public void A_misspelt_kind_is_the_page_authors_mistake_shown_at_once(string kind)
    {
        var error = Assert.Throws<InvalidOperationException>(() => QuickPollRatingTagHelper.KindOf(kind));
        Assert.Contains("stars, thumbs, nps, csat, ces", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("checkout", null)]
    [InlineData(null, "a\u0001b")]
    public void A_context_value_the_api_would_refuse_is_shown_at_once(string? journeyStage, string? segment)
    {
        var tagHelper = new QuickPollContextTagHelper { JourneyStage = journeyStage, Segment = segment };
        var context = new Microsoft.AspNetCore.Razor.TagHelpers.TagHelperContext(
            [], new Dictionary<object, object>(), "test");

        var error = Assert.Throws<InvalidOperationException>(() => tagHelper.Init(context));

        Assert.StartsWith("<quickpoll-context ", error.Message, StringComparison.Ordinal);
    }

    // The component alone, rendered by the same renderer the component tag helper uses, for the same page.
    private async Task<string> RenderAsync(Type component, string id, string given, string? culture = null)
    {
        var parameters = new Dictionary<string, object?>
        {
            ["AdditionalAttributes"] = new Dictionary<string, object> { ["id"] = id },
        };
        foreach (var pair in given.Split(';', StringSplitOptions.RemoveEmptyEntries))
        {
            var (name, value) = (pair[..pair.IndexOf('=', StringComparison.Ordinal)], pair[(pair.IndexOf('=', StringComparison.Ordinal) + 1)..]);
            switch (name)
            {
                case "target": parameters["Target"] = value; break;
                case "label": parameters["Label"] = value; break;
                case "poll": parameters["PollId"] = value; break;
                case "product": (parameters["ProductName"], parameters["EmitStructuredData"]) = (value, true); break;
            }
        }

        using var scope = shop.Services.CreateScope();
        var http = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        http.Request.Method = "GET";
        (http.Request.Scheme, http.Request.Host) = ("http", new HostString("localhost"));
        http.Request.Path = "/Product";
        var prerenderer = scope.ServiceProvider.GetRequiredService<IComponentPrerenderer>();
        var previous = (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture);
        if (culture is not null)
        {
            System.Globalization.CultureInfo.CurrentCulture = System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo(culture);
        }

        try
        {
            return await prerenderer.Dispatcher.InvokeAsync(async () =>
            {
                var html = await prerenderer.PrerenderComponentAsync(http, component, null!, ParameterView.FromDictionary(parameters));
                await using var writer = new StringWriter();
                await html.WriteToAsync(writer);
                return writer.ToString();
            });
        }
        finally
        {
            (System.Globalization.CultureInfo.CurrentCulture, System.Globalization.CultureInfo.CurrentUICulture) = previous;
        }
    }

    private async Task<string> CreatePollAsync()
    {
        using var scope = shop.Services.CreateScope();
        var poll = await scope.ServiceProvider.GetRequiredService<IQuickPollAdminApi>().CreatePollAsync(new PollDefinition(
            new Dictionary<string, string> { ["en"] = "What matters most to you?" },
            [
                new PollChoiceDefinition("price", new Dictionary<string, string> { ["en"] = "Price" }),
                new PollChoiceDefinition("quality", new Dictionary<string, string> { ["en"] = "Quality" }),
            ]));
        return poll.Id;
    }

    // What may differ between two renders of one component: where its form posts (the page's own address, which the
    // renderer writes last, or the handler's) and the handler's fields, the tokens and
    // keys made for each render, the ids numbered per instance, and the whitespace between tags.
    private static string Normalized(string html)
    {
        html = HandlerField().Replace(html, "");
        html = Regex.Replace(html, " action=\"[^\"]*\"", "");
        html = FreshValue().Replace(html, "name=\"$1\" value=\"*\"");
        html = InstanceId().Replace(html, "$1*");
        html = Regex.Replace(html, ">\\s+<", "><");
        return html.Trim();
    }

    private static string Hidden(string form, string name) =>
        WebUtility.HtmlDecode(Regex.Match(form, $"name=\"{Regex.Escape(name)}\" value=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("<input type=\"hidden\" name=\"qp-(form|return|lang|segment|journey-stage|touchpoint|kind|target|poll|order-token)\" value=\"[^\"]*\"[^>]*>")]
    private static partial Regex HandlerField();

    [GeneratedRegex("name=\"(__RequestVerificationToken|qp-key|formToken)\" value=\"[^\"]*\"")]
    private static partial Regex FreshValue();

    [GeneratedRegex("(qp-(?:rating|scale|comment|poll|policy|review-list|reviews|summary)-)\\d+")]
    private static partial Regex InstanceId();

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();
}
