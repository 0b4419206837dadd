using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace QuickPoll.Server.Tests;

/// <summary>The endpoint's test host (linked from the server's tests) with the staff dashboard added, as a shop would add it.</summary>
public sealed partial class QuickPollServerFactory
{
    static partial void AddPackages(IServiceCollection services) => services.AddQuickPollDashboard();

    static partial void MapPackages(IEndpointRouteBuilder endpoints) => endpoints.MapQuickPollDashboard();
}
