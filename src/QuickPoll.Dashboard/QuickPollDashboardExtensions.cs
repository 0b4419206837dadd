using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using QuickPoll.Dashboard;
using QuickPoll.Server;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;

namespace Microsoft.Extensions.DependencyInjection
{
    /// <summary>Registers the QuickPoll staff dashboard's services.</summary>
    public static class QuickPollDashboardServiceCollectionExtensions
    {
        /// <summary>
        /// Adds what <c>MapQuickPollDashboard()</c> needs beside <c>AddQuickPollServer()</c>: server-rendered Razor components
        /// (<c>AddRazorComponents()</c>, which a Blazor host may call too, in either order), antiforgery for its forms, the
        /// staff's sign-in and the dashboard's reads and writes over QuickPoll's storage.
        /// </summary>
        /// <param name="services">The service collection.</param>
        /// <returns>The service collection, for chaining.</returns>
        public static IServiceCollection AddQuickPollDashboard(this IServiceCollection services)
        {
            ArgumentNullException.ThrowIfNull(services);
            services.AddRazorComponents();
            services.TryAddSingleton<DashboardSessionStore>();
            services.TryAddSingleton<DashboardSignIn>();
            services.TryAddSingleton<DashboardOverview>();
            services.TryAddSingleton<DashboardBreakdown>();
            services.TryAddSingleton<DashboardProducts>();
            services.TryAddSingleton<DashboardPolls>();
            services.TryAddSingleton<DashboardModeration>();
            services.TryAddSingleton<DashboardExport>();
            return services;
        }
    }
}

namespace Microsoft.AspNetCore.Builder
{
    /// <summary>Maps the QuickPoll staff dashboard.</summary>
    public static class QuickPollDashboardEndpointRouteBuilderExtensions
    {
        /// <summary>
        /// Maps the staff dashboard under <paramref name="prefix"/>: overview of every figure for a date range with trends
        /// and the change against the previous period, breakdowns by segment, journey stage, touchpoint or product, each
        /// product's page, polls per segment, the comment moderation queue and the raw answers export. Pages are plain
        /// server-rendered HTML with inline SVG charts and need no script. Requires <c>AddQuickPollServer()</c> and
        /// <c>AddQuickPollDashboard()</c>; when the host uses <c>app.UseAntiforgery()</c> it may come before or after. Map it
        /// on the app itself, not inside another group.
        /// </summary>
        /// <remarks>
        /// Staff log in with an admin key (<see cref="QuickPollServerOptions.AdminKey"/> or one made through the admin API) and get
        /// a session of 8 hours stored on the server, in an HttpOnly, SameSite=Strict cookie for the dashboard's path (Secure outside
        /// Development) that holds only its random id; logging out, revoking the key or changing the configured key ends it. While
        /// no admin key exists, the login page says so and names the setting. When the host puts its own authorization policy on the returned
        /// group (<c>.RequireAuthorization("Staff")</c>), the host decides who gets in and there is no login page.
        /// </remarks>
        /// <param name="endpoints">The app.</param>
        /// <param name="prefix">The dashboard's path; <c>/quickpoll</c> unless given.</param>
        /// <returns>The dashboard's group, for the host's authorization policy or rate limits.</returns>
        public static RouteGroupBuilder MapQuickPollDashboard(this IEndpointRouteBuilder endpoints, string prefix = "/quickpoll")
        {
            ArgumentNullException.ThrowIfNull(endpoints);
            ArgumentException.ThrowIfNullOrWhiteSpace(prefix);
            if (!prefix.StartsWith('/'))
            {
                throw new ArgumentException("The dashboard's prefix must start with '/', for example /quickpoll.", nameof(prefix));
            }

            // Asked without building the services, so mapping opens no database.
            if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>() is { } services && !services.IsService(typeof(DashboardSignIn)))
            {
                throw new InvalidOperationException(
                    "MapQuickPollDashboard() needs the dashboard's services: call builder.Services.AddQuickPollDashboard() (and AddQuickPollServer()).");
            }

            var dashboard = endpoints.MapGroup(prefix).WithMetadata(new DashboardPrefix(prefix)).ExcludeFromDescription()
                .AddEndpointFilter<RefusalFilter>();
            DashboardEndpoints.Map(dashboard, prefix);
            return dashboard;
        }
    }
}
