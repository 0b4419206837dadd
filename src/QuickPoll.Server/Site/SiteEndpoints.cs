using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Options;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Site;

/// <summary>The site's review policy, for pages that must say how reviews are collected and checked.</summary>
internal static class SiteEndpoints
{
    public static void MapPublic(RouteGroupBuilder api) =>
        api.MapGet("/site/policy", GetPolicy)
            .WithName("GetSitePolicy")
            .WithSummary("Read how this site moderates comments and verifies purchases")
            .Produces<SitePolicy>(contentType: "application/json");

    internal static IResult GetPolicy(IOptions<QuickPollServerOptions> options) =>
        TypedResults.Json(Of(options.Value), QuickPollJsonContext.Default.SitePolicy);

    internal static SitePolicy Of(QuickPollServerOptions options) => new(
        options.CommentModeration == CommentModeration.HoldAll ? ModerationPolicy.HoldAll : ModerationPolicy.PublishUnlessFlagged,
        !string.IsNullOrEmpty(options.OrderTokenSecret),
        options.VisitorCookie);
}
