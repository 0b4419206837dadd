using System.Globalization;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;
using QuickPoll.Server;
using QuickPoll.Server.Application;
using QuickPoll.Server.Comments;
using QuickPoll.Server.Http;
using QuickPoll.Server.Results;

namespace QuickPoll.Dashboard;

/// <summary>
/// The staff dashboard: pages rendered on the server as plain HTML (Razor components, static rendering), GET forms
/// for filters and POST forms with antiforgery tokens for login, logout and moderation, each answered by a redirect.
/// </summary>
internal static class DashboardEndpoints
{
    private const int CommentsPerPage = 25;

    public static void Map(RouteGroupBuilder dashboard, string prefix)
    {
        dashboard.MapGet("/dashboard.css", Stylesheet);
        dashboard.MapGet("/login", LoginForm);
        dashboard.MapPost("/login", LogInAsync);
        dashboard.MapPost("/logout", LogOutAsync);
        dashboard.MapPost("/logout-everywhere", LogOutEverywhereAsync);

        var pages = dashboard.MapGroup("").AddEndpointFilter(new DashboardAccess(prefix));
        pages.MapGet("", Overview);
        pages.MapGet("/breakdowns", Breakdowns);
        pages.MapGet("/products", Products);
        pages.MapGet("/products/{target}", Product);
        pages.MapGet("/polls", Polls);
        pages.MapGet("/moderation", Moderation);
        pages.MapPost("/moderation", ModerateAsync);
        pages.MapGet("/export", ExportForm);
        pages.MapGet("/export/answers", ExportAsync);
    }

    // ---- Sign-in ------------------------------------------------------------------------------------------

    internal static IResult LoginForm(HttpContext http, string? returnUrl, string? failed, DashboardSignIn signIn, DashboardSessionStore sessions)
    {
        var paths = Paths(http);
        if (DashboardSignIn.HostGoverns(http) || signIn.IsSignedIn(http))
        {
            return TypedResults.Redirect(paths.SafeReturn(returnUrl));
        }

        return Page<LoginPage>(http, new()
        {
            [nameof(LoginPage.ReturnUrl)] = paths.SafeReturn(returnUrl),
            [nameof(LoginPage.NoAdminKey)] = !sessions.AnyAdminKey(),
            [nameof(LoginPage.Error)] = failed is null ? null : DashboardText.LoginFailed,
        }, signedIn: false);
    }

    internal static async Task<IResult> LogInAsync(HttpContext http, IAntiforgery antiforgery, DashboardSignIn signIn)
    {
        if (await RefuseFormAsync(http, antiforgery) is { } refusal)
        {
            return refusal;
        }

        var paths = Paths(http);
        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var returnUrl = paths.SafeReturn(form["returnUrl"].ToString());
        if (!signIn.MayAttempt(http))
        {
            http.Response.Headers.RetryAfter = "60";
            return Page<LoginPage>(http, new()
            {
                [nameof(LoginPage.ReturnUrl)] = returnUrl,
                [nameof(LoginPage.Error)] = DashboardText.LoginThrottled,
            }, signedIn: false, StatusCodes.Status429TooManyRequests);
        }

        if (!await signIn.SignInAsync(http, paths.Root, form["key"].ToString()))
        {
            signIn.CountFailure(http);
            return TypedResults.Redirect(paths.To("/login") + "?failed=1&returnUrl=" + Uri.EscapeDataString(returnUrl));
        }

        return TypedResults.Redirect(returnUrl);
    }

    internal static Task<IResult> LogOutAsync(HttpContext http, IAntiforgery antiforgery, DashboardSignIn signIn) =>
        SignOutAsync(http, antiforgery, signIn, everywhere: false);

    /// <summary>Ends every dashboard session, of every key and browser: for a lost laptop or a key that may have leaked.</summary>
    internal static Task<IResult> LogOutEverywhereAsync(HttpContext http, IAntiforgery antiforgery, DashboardSignIn signIn) =>
        SignOutAsync(http, antiforgery, signIn, everywhere: true);

    private static async Task<IResult> SignOutAsync(HttpContext http, IAntiforgery antiforgery, DashboardSignIn signIn, bool everywhere)
    {
        if (await RefuseFormAsync(http, antiforgery) is { } refusal)
        {
            return refusal;
        }

        // Only a signed-in browser may end everyone's sessions; another's plain logout just clears its own cookie.
        if (everywhere && !signIn.IsSignedIn(http))
        {
            return TypedResults.Redirect(Paths(http).Login(null));
        }

        var paths = Paths(http);
        await signIn.SignOutAsync(http, paths.Root, everywhere);
        return TypedResults.Redirect(paths.To("/login"));
    }

    // ---- Figures ------------------------------------------------------------------------------------------

    internal static IResult Overview(HttpContext http, DashboardOverview figures, TimeProvider time)
    {
        var (range, error) = DashboardRange.Read(http.Request, time);
        var target = ReadTarget(http, ref error);
        var (overview, targets) = figures.Read(range.From, range.To, target);
        return Page<OverviewPage>(http, new()
        {
            [nameof(OverviewPage.Overview)] = overview,
            [nameof(OverviewPage.Preset)] = range.Preset,
            [nameof(OverviewPage.Targets)] = targets,
            [nameof(OverviewPage.Error)] = error,
        }, status: error is null ? 200 : 400);
    }

    internal static IResult Breakdowns(HttpContext http, DashboardBreakdown figures, TimeProvider time)
    {
        var (range, error) = DashboardRange.Read(http.Request, time);
        var target = ReadTarget(http, ref error);
        var kind = FeedbackKind.Nps;
        if (DashboardRange.Value(http.Request, "kind") is { } kindName && !FeedbackKindNames.TryParse(kindName, out kind))
        {
            error ??= $"kind: choose one of {string.Join(", ", FeedbackKindNames.All)}.";
            kind = FeedbackKind.Nps;
        }

        var by = DashboardRange.Value(http.Request, "by") ?? ContextDimension.Segment.Name;
        if (!DashboardBreakdown.IsDimension(by))
        {
            error ??= $"by: choose one of {string.Join(", ", DashboardBreakdown.Dimensions)}.";
            by = ContextDimension.Segment.Name;
        }

        var (breakdown, targets) = figures.Read(kind, by, range.From, range.To, target);
        return Page<BreakdownsPage>(http, new()
        {
            [nameof(BreakdownsPage.Breakdown)] = breakdown,
            [nameof(BreakdownsPage.Preset)] = range.Preset,
            [nameof(BreakdownsPage.Targets)] = targets,
            [nameof(BreakdownsPage.Error)] = error,
        }, status: error is null ? 200 : 400);
    }

    internal static IResult Products(HttpContext http, DashboardProducts products, TimeProvider time)
    {
        var (range, error) = DashboardRange.Read(http.Request, time);
        var byKind = products.All(range.From, range.To);
        return Page<ProductsPage>(http, new()
        {
            [nameof(ProductsPage.ByKind)] = byKind,
            [nameof(ProductsPage.Preset)] = range.Preset,
            [nameof(ProductsPage.Error)] = error,
        }, status: error is null ? 200 : 400);
    }

    internal static IResult Product(HttpContext http, string target, DashboardProducts products, TimeProvider time)
    {
        if (FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            return Problems.Invalid("target", targetError);
        }

        var (range, error) = DashboardRange.Read(http.Request, time);
        var (overview, comments) = products.One(target, range.From, range.To);
        return Page<ProductPage>(http, new()
        {
            [nameof(ProductPage.Overview)] = overview,
            [nameof(ProductPage.Preset)] = range.Preset,
            [nameof(ProductPage.Comments)] = comments,
            [nameof(ProductPage.Error)] = error,
        }, status: error is null ? 200 : 400);
    }

    internal static IResult Polls(HttpContext http, DashboardPolls polls, IOptions<QuickPollServerOptions> options)
    {
        var all = polls.Read();
        return Page<PollsPage>(http, new()
        {
            [nameof(PollsPage.Polls)] = all.Select(p => p.Results).ToList(),
            [nameof(PollsPage.Questions)] = all.ToDictionary(p => p.Id, p => p.Question),
            [nameof(PollsPage.PollTargets)] = all.Where(p => p.Target is not null).ToDictionary(p => p.Id, p => p.Target!),
            [nameof(PollsPage.MinimumSample)] = options.Value.MinimumSample,
        });
    }

    // ---- Moderation ---------------------------------------------------------------------------------------

    internal static IResult Moderation(HttpContext http, DashboardModeration moderation)
    {
        var filter = ModerationFilter.Read(http.Request);
        var page = moderation.Read(filter.Status, filter.HoldReason, filter.Rating, filter.Page, CommentsPerPage);
        return Page<ModerationQueue>(http, new()
        {
            [nameof(ModerationQueue.Comments)] = page,
            [nameof(ModerationQueue.Status)] = CommentStore.StatusName(filter.Status),
            [nameof(ModerationQueue.Rating)] = filter.Rating,
            [nameof(ModerationQueue.HoldReason)] = filter.HoldReason,
            [nameof(ModerationQueue.Notice)] = Notice(http.Request),
            [nameof(ModerationQueue.Error)] = filter.Error,
        }, status: filter.Error is null ? 200 : 400);
    }

    internal static async Task<IResult> ModerateAsync(HttpContext http, IAntiforgery antiforgery, DashboardModeration moderation)
    {
        if (await RefuseFormAsync(http, antiforgery) is { } refusal)
        {
            return refusal;
        }

        var form = await http.Request.ReadFormAsync(http.RequestAborted);
        var back = Paths(http).To("/moderation") + "?" + ModerationFilter.Read(form).Query;
        if (form["delete"].ToString() is { Length: > 0 } deleted)
        {
            if (!long.TryParse(deleted, NumberStyles.None, CultureInfo.InvariantCulture, out var commentId) || commentId < 1)
            {
                return Problems.Invalid("delete", "The comment id must be a whole number from 1.");
            }

            var gone = await moderation.DeleteAsync(commentId, http.RequestAborted);

            // From a product page, back to it (its address made from a valid target, never from the form as given).
            return form["product"].ToString() is { Length: > 0 } product && FeedbackLimits.ValidateTarget(product) is null
                ? TypedResults.Redirect(Paths(http).To("/products/" + Uri.EscapeDataString(product)))
                : TypedResults.Redirect(back + $"&notice=deleted&count={(gone ? 1 : 0)}");
        }

        var (ids, status) = form["approve"].ToString() is { Length: > 0 } one ? ([one], CommentStatus.Published)
            : form["reject"].ToString() is { Length: > 0 } other ? ([other], CommentStatus.Rejected)
            : (form["id"].Select(v => v ?? "").ToArray(), form["action"] == "reject" ? CommentStatus.Rejected : CommentStatus.Published);
        var commentIds = ids.Select(id => long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : -1).Where(n => n > 0).Distinct().ToList();
        if (commentIds.Count == 0)
        {
            return TypedResults.Redirect(back + "&notice=none");
        }

        var updated = await moderation.DecideAsync(commentIds, status, http.RequestAborted);
        return TypedResults.Redirect(back + $"&notice={(status == CommentStatus.Published ? "approved" : "rejected")}&count={updated}");
    }

    private static string? Notice(HttpRequest request)
    {
        _ = int.TryParse(request.Query["count"], NumberStyles.None, CultureInfo.InvariantCulture, out var count);
        return request.Query["notice"].ToString() switch
        {
            "approved" => $"Approved {DashboardText.Comments(count)}: now shown on the site.",
            "rejected" => $"Rejected {DashboardText.Comments(count)}: their text is deleted.",
            "deleted" => count == 0 ? "That comment was deleted already." : "Deleted the comment for good.",
            "none" => "Select at least one comment first.",
            _ => null,
        };
    }

    // ---- Export -------------------------------------------------------------------------------------------

    internal static IResult ExportForm(HttpContext http, TimeProvider time)
    {
        var (range, error) = DashboardRange.Read(http.Request, time);
        return Page<ExportPage>(http, new()
        {
            [nameof(ExportPage.FirstDay)] = range.FirstDay,
            [nameof(ExportPage.LastDay)] = range.LastDay,
            [nameof(ExportPage.Error)] = error,
        }, status: error is null ? 200 : 400);
    }

    internal static async Task<IResult> ExportAsync(HttpContext http, DashboardExport export, TimeProvider time)
    {
        var (range, error) = DashboardRange.Read(http.Request, time);
        var target = ReadTarget(http, ref error);
        var format = DashboardRange.Value(http.Request, "format") ?? "csv";
        if (format is not ("csv" or "json"))
        {
            error ??= "format: choose CSV or JSON.";
        }

        if (error is not null)
        {
            return Page<ExportPage>(http, new()
            {
                [nameof(ExportPage.FirstDay)] = range.FirstDay,
                [nameof(ExportPage.LastDay)] = range.LastDay,
                [nameof(ExportPage.Error)] = error,
            }, status: StatusCodes.Status400BadRequest);
        }

        var fileName = $"quickpoll-answers-{range.FirstDay:yyyy-MM-dd}-to-{range.LastDay:yyyy-MM-dd}.{format}";
        var answers = export.Read(range.From, range.To, target, http.RequestAborted);
        NoStore(http);
        if (format == "csv")
        {
            await AnswerExport.WriteCsvAsync(http.Response, answers, http.RequestAborted, fileName);
            return TypedResults.Empty;
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        return TypedResults.Json(answers, QuickPollJsonContext.Default.IAsyncEnumerableExportedAnswer);
    }

    // ---- Shared -------------------------------------------------------------------------------------------

    internal static IResult Stylesheet(HttpContext http)
    {
        http.Response.Headers.CacheControl = "public, max-age=31536000, immutable";
        return TypedResults.Bytes(DashboardStylesheet.Content, "text/css; charset=utf-8");
    }

    private static DashboardPaths Paths(HttpContext http) =>
        new(http.Request.PathBase, http.GetEndpoint()?.Metadata.GetMetadata<DashboardPrefix>()?.Prefix ?? "/");

    private static RazorComponentResult<TPage> Page<TPage>(HttpContext http, Dictionary<string, object?> parameters, bool signedIn = true, int status = 200)
        where TPage : IComponent
    {
        NoStore(http);
        // Pages carry no script at all; a policy that forbids scripts keeps it so even if text were ever mis-encoded.
        http.Response.Headers.ContentSecurityPolicy =
            "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
        parameters[nameof(DashboardPage.Root)] = Paths(http).Root;
        parameters[nameof(DashboardPage.CanSignOut)] = signedIn && !DashboardSignIn.HostGoverns(http);
        return new RazorComponentResult<TPage>(parameters) { StatusCode = status };
    }

    private static void NoStore(HttpContext http)
    {
        http.Response.Headers.CacheControl = "no-store";
        http.Response.Headers.XContentTypeOptions = "nosniff";
    }

    private static string? ReadTarget(HttpContext http, ref string? error)
    {
        var target = DashboardRange.Value(http.Request, "target");
        if (target is not null && FeedbackLimits.ValidateTarget(target) is { } targetError)
        {
            error ??= $"target: {targetError}";
            return null;
        }

        return target;
    }

    /// <summary>400 for a form without a valid antiforgery token: another site cannot post on staff's behalf.</summary>
    private static async Task<IResult?> RefuseFormAsync(HttpContext http, IAntiforgery antiforgery)
    {
        if (!http.Request.HasFormContentType)
        {
            return Problems.Invalid("form", "Send the form as application/x-www-form-urlencoded.");
        }

        return await antiforgery.IsRequestValidAsync(http) ? null : Problems.Invalid("__RequestVerificationToken", DashboardText.FormExpired);
    }
}

/// <summary>The prefix the dashboard was mapped at, on each of its endpoints.</summary>
internal sealed record DashboardPrefix(string Prefix);

/// <summary>The comment filters of the moderation queue, from its query string or its form.</summary>
internal sealed record ModerationFilter(CommentStatus Status, int? Rating, string? HoldReason, int Page, string? Error)
{
    public string Query =>
        $"status={CommentStore.StatusName(Status)}{(Rating is { } r ? $"&rating={r}" : "")}{(HoldReason is { } h ? $"&reason={h}" : "")}{(Page > 1 ? $"&page={Page}" : "")}";

    public static ModerationFilter Read(HttpRequest request) => Read(name => request.Query[name].ToString());

    public static ModerationFilter Read(IFormCollection form) => Read(name => form[name].ToString());

    private static ModerationFilter Read(Func<string, string> value)
    {
        string? error = null;
        var status = value("status") switch
        {
            "" or "held" => CommentStatus.Held,
            "published" => CommentStatus.Published,
            "rejected" => CommentStatus.Rejected,
            _ => Fail(ref error, "status: choose held, published or rejected.", CommentStatus.Held),
        };
        int? rating = value("rating") switch
        {
            "" => null,
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 5 => n,
            _ => Fail<int?>(ref error, "rating: choose 1 to 5 stars.", null),
        };
        var reason = value("reason") switch
        {
            "" => null,
            var text when DashboardText.HoldReasons.Contains(text) => text,
            _ => Fail<string?>(ref error, $"reason: choose one of {string.Join(", ", DashboardText.HoldReasons)}.", null),
        };
        var page = value("page") switch
        {
            "" => 1,
            var text when int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n is >= 1 and <= 100_000 => n,
            _ => Fail(ref error, "page: choose a page from 1.", 1),
        };
        return new ModerationFilter(status, rating, reason, page, error);
    }

    private static T Fail<T>(ref string? error, string message, T fallback)
    {
        error ??= message;
        return fallback;
    }
}

/// <summary>The dashboard's one stylesheet, embedded in the package so a host needs no static files for it.</summary>
internal static class DashboardStylesheet
{
    private static readonly Lazy<(byte[] Content, string Version)> s_file = new(() =>
    {
        using var stream = typeof(DashboardStylesheet).Assembly.GetManifestResourceStream("QuickPoll.Dashboard.dashboard.css")!;
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        var bytes = copy.ToArray();
        return (bytes, Convert.ToHexStringLower(SHA256.HashData(bytes))[..12]);
    });

    public static byte[] Content => s_file.Value.Content;

    /// <summary>The stylesheet's address with its content's hash, so browsers may cache it for good.</summary>
    public static string Href(string root) => $"{root.TrimEnd('/')}/dashboard.css?v={s_file.Value.Version}";
}
