using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Http;
using QuickPoll.Server.Application;

namespace QuickPoll.Server.Site;

/// <summary>The site's review policy, for pages that must say how reviews are collected and checked.</summary>
internal static class SiteEndpoints
{
    public static void MapPublic(RouteGroupBuilder api) =>
        api.MapGet("/site/policy", GetPolicy)
            .WithName("GetSitePolicy")
            .WithSummary("Read how this site moderates comments and verifies purchases");

    internal static JsonOk<SitePolicy> GetPolicy(ReadSitePolicy useCase) =>
        ContractResults.Ok(useCase.Run());
}
