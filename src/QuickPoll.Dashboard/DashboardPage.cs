using System.ComponentModel;
using Microsoft.AspNetCore.Components;

namespace QuickPoll.Dashboard;

/// <summary>What every page of the staff dashboard receives from the endpoints of <c>MapQuickPollDashboard()</c>.</summary>
/// <remarks>The dashboard's pages and charts are rendered by its own endpoints; they are public only because Razor components are.</remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public abstract class DashboardPage : ComponentBase
{
    /// <summary>The dashboard's root path, for example <c>/quickpoll</c>.</summary>
    [Parameter]
    public string Root { get; set; } = "/";

    /// <summary>Whether the dashboard's own sign-in is in use, so the page offers to log out.</summary>
    [Parameter]
    public bool CanSignOut { get; set; }

    /// <summary>A message about a wrong filter or a refused login, shown at the top of the page.</summary>
    [Parameter]
    public string? Error { get; set; }

    /// <summary>An address inside the dashboard.</summary>
    /// <param name="page">The page's path below the root, starting with <c>/</c>, or empty for the overview.</param>
    /// <returns>The page's path.</returns>
    protected string Href(string page) => Root.TrimEnd('/') + page is { Length: > 0 } href ? href : "/";
}
