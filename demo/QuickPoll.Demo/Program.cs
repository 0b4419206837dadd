using Microsoft.AspNetCore.Hosting.Server;
using QuickPoll.Client;
using QuickPoll.Demo;
using QuickPoll.Demo.Alerts;
using QuickPoll.Demo.Components;
using QuickPoll.Demo.PlainPage;
using Scalar.AspNetCore;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorComponents().AddInteractiveServerComponents().AddInteractiveWebAssemblyComponents();

// A configured remote collection endpoint wins; otherwise the shop hosts the endpoint itself and its pages call it in process.
var remoteApi = builder.Configuration["QuickPoll:ApiBaseAddress"];
var hostsEndpoint = string.IsNullOrWhiteSpace(remoteApi);
if (hostsEndpoint)
{
    builder.Services.AddQuickPollComponents();
}
else
{
    builder.Services.AddQuickPollComponents(o => o.BaseAddress = new Uri(remoteApi!));
}

// One product page written with Razor Pages and QuickPoll's tag helpers, under /razor-pages, on the components' services above.
builder.Services.AddRazorPages();
builder.Services.AddQuickPollTagHelpers();
builder.Services.AddDemoPoll(builder.Configuration);
builder.Services.AddDemoPlainPage(); // a plain HTML page on a second origin (the shop's port + 1) rating the products with the script
builder.Services.AddDemoAlerts(); // the shop is its own staff's webhook receiver; /demo/alerts lists what arrived
// The OpenAPI document and its reference describe the whole API, admin calls included: on a developer's machine only,
// unless Demo:ApiReference says otherwise.
var apiReference = hostsEndpoint && builder.Configuration.GetValue("Demo:ApiReference", builder.Environment.IsDevelopment());
builder.Services.AddSingleton(new DemoApiReference(apiReference));
if (apiReference)
{
    builder.Services.AddOpenApi();
}

if (hostsEndpoint)
{
    builder.Services.AddQuickPollServer();
    builder.Services.AddQuickPollDashboard(); // the staff dashboard's pages and sign-in
    builder.Services.AddHealthChecks().AddQuickPoll(); // GET /health: the database answers and the writer keeps up
    // The demo seeds its poll through the admin API over HTTP. The port is known only once Kestrel has bound; options are
    // first read after that, by the first HttpClient.
    builder.Services.AddOptions<QuickPollClientOptions>()
        .PostConfigure<IServer>((o, server) => o.BaseAddress ??= OwnAddress.Of(server));
}

var app = builder.Build();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/error", createScopeForErrors: true);
}

app.UseShopLanguages(); // before the re-executed not-found page, so that it speaks the visitor's language too
app.UseStatusCodePagesWithReExecute("/not-found", createScopeForStatusCodePages: true);
app.UseAntiforgery();
app.MapStaticAssets();
app.MapShopLanguageSwitch();
app.MapDemoAlerts();
app.MapRazorComponents<App>().AddInteractiveServerRenderMode().AddInteractiveWebAssemblyRenderMode();
app.MapRazorPages().WithStaticAssets();
if (hostsEndpoint)
{
    app.MapQuickPoll();
    app.MapQuickPollAdmin(); // behind QuickPoll:Server:AdminKey; the demo seeds its poll through it
    app.MapQuickPollDashboard(); // staff log in at /quickpoll with the same key
    app.MapHealthChecks("/health");
}

if (apiReference)
{
    app.MapOpenApi();
    // Scalar's script is embedded in its package; without the fonts, telemetry and AI agent it needs no network.
    app.MapScalarApiReference("/api-reference", o => o.WithTitle("QuickPoll API").DisableDefaultFonts().DisableTelemetry().DisableAgent());
}

app.Run();

/// <summary>The demo shop's entry point, public so that tests can host it with <c>WebApplicationFactory</c>.</summary>
public partial class Program;
