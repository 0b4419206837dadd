using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Localization;

namespace QuickPoll.Demo;

/// <summary>
/// The shop's languages: English (the default) and Polish. A visitor's choice lives in ASP.NET Core's culture cookie,
/// which request localization reads on every request, so prerendering, the server circuit and static pages agree.
/// </summary>
public static class ShopLanguages
{
    /// <summary>The path of the endpoint that stores a visitor's choice.</summary>
    public const string SwitchPath = "/culture/set";

    /// <summary>The languages the shop offers, the default first, each with its name in its own language.</summary>
    public static IReadOnlyList<ShopLanguage> All { get; } =
    [
        new("en", "English"),
        new("pl-PL", "Polski"),
    ];

    /// <summary>The language of the current request or circuit.</summary>
    public static ShopLanguage Current =>
        All.FirstOrDefault(l => l.Culture == CultureInfo.CurrentUICulture.Name) ?? All[0];

    /// <summary>Sets each request's culture from the culture cookie (or the browser's languages), English otherwise.</summary>
    /// <param name="app">The shop.</param>
    /// <returns>The shop.</returns>
    public static IApplicationBuilder UseShopLanguages(this IApplicationBuilder app)
    {
        var cultures = All.Select(l => l.Culture).ToArray();
        return app.UseRequestLocalization(new RequestLocalizationOptions()
            .SetDefaultCulture(cultures[0])
            .AddSupportedCultures(cultures)
            .AddSupportedUICultures(cultures));
    }

    /// <summary>Maps <c>GET /culture/set?culture=pl-PL&amp;redirectUri=/products/mug-001</c>, the language switch's target.</summary>
    /// <param name="endpoints">The shop's endpoints.</param>
    /// <returns>The endpoint's builder.</returns>
    public static RouteHandlerBuilder MapShopLanguageSwitch(this IEndpointRouteBuilder endpoints) =>
        endpoints.MapGet(SwitchPath, SetLanguage)
            .WithName("SetShopLanguage")
            .WithSummary("Stores the visitor's language in the culture cookie and goes back to the page.")
            .ExcludeFromDescription();

    /// <summary>The switch's address for a language, coming back to <paramref name="returnPath"/>.</summary>
    /// <param name="language">The language to switch to.</param>
    /// <param name="returnPath">The current page, relative to the shop's base address.</param>
    /// <returns>The address, relative to the shop's base address.</returns>
    public static string SwitchHref(ShopLanguage language, string returnPath)
    {
        ArgumentNullException.ThrowIfNull(language);
        return $"{SwitchPath.TrimStart('/')}?culture={Uri.EscapeDataString(language.Culture)}&redirectUri={Uri.EscapeDataString("/" + returnPath)}";
    }

    private static Results<RedirectHttpResult, BadRequest> SetLanguage(string? culture, string? redirectUri, HttpContext context)
    {
        var language = All.FirstOrDefault(l => string.Equals(l.Culture, culture, StringComparison.OrdinalIgnoreCase));
        if (language is null)
        {
            return TypedResults.BadRequest();
        }

        context.Response.Cookies.Append(
            CookieRequestCultureProvider.DefaultCookieName,
            CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(language.Culture)),
            new CookieOptions
            {
                Path = "/",
                MaxAge = TimeSpan.FromDays(365),
                HttpOnly = true,
                IsEssential = true, // remembers a choice the visitor made; no consent needed
                SameSite = SameSiteMode.Lax,
                Secure = context.Request.IsHttps,
            });

        // Only back into the shop: anything else would make the switch an open redirect.
        return TypedResults.LocalRedirect(IsLocal(redirectUri) ? redirectUri : "/");
    }

    private static bool IsLocal([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] string? uri) =>
        uri is ['/', ..] && !uri.StartsWith("//", StringComparison.Ordinal) && !uri.StartsWith("/\\", StringComparison.Ordinal)
        && !uri.Any(char.IsControl);
}

/// <summary>A language the shop offers.</summary>
/// <param name="Culture">Its culture name, for example <c>pl-PL</c>; also the page's <c>lang</c>.</param>
/// <param name="Name">Its name in itself, for example <c>Polski</c>.</param>
public sealed record ShopLanguage(string Culture, string Name);
