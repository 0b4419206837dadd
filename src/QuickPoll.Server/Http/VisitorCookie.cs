using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Http;

/// <summary>
/// The first-party cookie mode of visitor ids: a submission from a browser that carries no visitor id gets the
/// one in the QuickPoll cookie, and the cookie is set (HttpOnly) only when the visitor first answers.
/// </summary>
internal static class VisitorCookie
{
    public const string Name = "quickpoll_visitor";

    /// <summary>
    /// The visitor id of a submission that names none: the cookie's, or a new one set in the cookie. Without a request
    /// whose answer has not started (an interactive circuit), a new id that is not remembered.
    /// </summary>
    public static string? Resolve(HttpContext? http, QuickPollServerOptions options, string? given)
    {
        if (given is not null || !options.VisitorCookie)
        {
            return given;
        }

        if (http is not null && http.Request.Cookies.TryGetValue(Name, out var existing) && FeedbackLimits.ValidateVisitorId(existing) is null)
        {
            return existing;
        }

        var created = VisitorIds.New();
        if (http is { Response.HasStarted: false })
        {
            http.Response.Cookies.Append(Name, created, new CookieOptions
            {
                HttpOnly = true,
                Secure = http.Request.IsHttps,
                SameSite = SameSiteMode.Lax,
                IsEssential = false,
                MaxAge = TimeSpan.FromDays(365),
                Path = "/",
            });
        }

        return created;
    }
}
