using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuickPoll.Dashboard.Tests;

/// <summary>A browser for the dashboard's plain HTML: keeps cookies, follows no redirects, fills in forms' antiforgery tokens.</summary>
public sealed partial class DashboardBrowser(HttpClient client)
{
    public HttpClient Client { get; } = client;

    /// <summary>Over https, as staff reach a dashboard outside Development, where its cookie is <c>Secure</c>.</summary>
    public static DashboardBrowser For<T>(WebApplicationFactory<T> factory) where T : class =>
        new(factory.CreateClient(new WebApplicationFactoryClientOptions
        {
            BaseAddress = new Uri("https://localhost"),
            AllowAutoRedirect = false,
            HandleCookies = true,
        }));

    /// <summary>The dashboard cookie's value, as set by the last response that set it.</summary>
    public static string? SessionCookie(HttpResponseMessage response) =>
        response.Headers.TryGetValues("Set-Cookie", out var cookies)
            ? cookies.Where(c => c.StartsWith("quickpoll_dashboard=", StringComparison.Ordinal)).Select(c => c.Split(';')[0]["quickpoll_dashboard=".Length..]).LastOrDefault()
            : null;

    public Task<HttpResponseMessage> GetAsync(string path) => Client.GetAsync(path);

    public async Task<string> PageAsync(string path)
    {
        var response = await Client.GetAsync(path);
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {html}");
        return html;
    }

    /// <summary>The antiforgery token of the first form on a page.</summary>
    public async Task<string> TokenFromAsync(string path) => Token(await PageAsync(path));

    public static string Token(string html) =>
        WebUtility.HtmlDecode(TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : throw new InvalidOperationException("No antiforgery token on the page."));

    public Task<HttpResponseMessage> PostAsync(string path, params (string Name, string Value)[] fields) =>
        Client.PostAsync(path, new FormUrlEncodedContent(fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))));

    public async Task<HttpResponseMessage> LogInAsync(string key, string returnUrl = "/quickpoll")
    {
        var token = await TokenFromAsync("/quickpoll/login");
        return await PostAsync("/quickpoll/login", ("__RequestVerificationToken", token), ("key", key), ("returnUrl", returnUrl));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
