// A shop built on Razor Pages, not on Razor component pages: it hosts the collection endpoint and renders QuickPoll with
// its tag helpers (Pages/Product.cshtml), whose forms post to the form handler, and, on one page, with the component tag
// helper (Pages/ComponentTag.cshtml), whose plain form Razor Pages cannot handle.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
builder.Services.AddQuickPollTagHelpers();
builder.Services.AddQuickPollServer();

var app = builder.Build();
// English unless the visitor's browser or ?culture= asks for Polish.
app.UseRequestLocalization(o => o.SetDefaultCulture("en").AddSupportedCultures("en", "pl").AddSupportedUICultures("en", "pl"));
app.MapStaticAssets();
app.MapRazorPages();
app.MapQuickPoll();
// A handler of the shop's own that reads a form post's raw body (a payment provider's callback, say).
app.MapPost("/callback", async (HttpRequest request) => await new StreamReader(request.Body).ReadToEndAsync());
app.Run();

/// <summary>The entry point, for the tests' <c>WebApplicationFactory</c>.</summary>
internal sealed partial class Program;
