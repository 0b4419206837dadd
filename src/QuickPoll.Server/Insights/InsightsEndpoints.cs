using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Insights;

/// <summary>The dashboard's figures for a date range, as JSON for staff's own tools.</summary>
internal static class InsightsEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/insights", GetOverview)
            .WithName("GetInsights")
            .WithSummary("Read every kind's figures for a date range (the last 30 days unless given): the period, the one before it, and a day-by-day trend")
            .ProducesValidationProblem();

        admin.MapGet("/insights/breakdown", GetBreakdown)
            .WithName("GetInsightsBreakdown")
            .WithSummary("Read one kind's figures for a date range per segment, journeyStage, touchpoint, locale or target, side by side")
            .ProducesValidationProblem();
    }

    internal static JsonOk<InsightsOverview> GetOverview([AsParameters] InsightsRequest request, ReadInsights useCase) =>
        ContractResults.Ok(useCase.Overview(request));

    internal static JsonOk<InsightsBreakdown> GetBreakdown([AsParameters] InsightsBreakdownRequest request, ReadInsights useCase) =>
        ContractResults.Ok(useCase.Breakdown(request));
}
