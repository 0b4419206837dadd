using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.Extensions.DependencyInjection;
using QuickPoll.Client;

namespace QuickPoll.Components.Tests;

/// <summary>A bUnit context wired like a shop page in InteractiveServer mode, with a fake collection API.</summary>
public abstract class QuickPollTestContext : BunitContext
{
    protected QuickPollTestContext()
        : this(_ => { })
    {
    }

    /// <summary>A context with the shop's own registrations added before anything is resolved.</summary>
    protected QuickPollTestContext(Action<IServiceCollection> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);

        // Registered the way a shop does, then the fake replaces the HTTP client (the last registration wins).
        Services.AddQuickPollComponents(o => o.BaseAddress = new Uri("https://feedback.test/"));
        configure(Services);
        Services.AddSingleton<IQuickPollApi>(Api);
        Services.AddSingleton<AntiforgeryStateProvider, FakeAntiforgeryStateProvider>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
    }

    protected FakeQuickPollApi Api { get; } = new();

    private sealed class FakeAntiforgeryStateProvider : AntiforgeryStateProvider
    {
        public override AntiforgeryRequestToken? GetAntiforgeryToken() => new("test-token", "__RequestVerificationToken");
    }
}
