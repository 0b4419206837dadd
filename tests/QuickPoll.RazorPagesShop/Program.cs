// A shop built on Razor Pages, not on Razor component pages: it hosts the collection endpoint and renders a QuickPoll
// component with the component tag helper (Pages/Product.cshtml), whose plain form Razor Pages cannot handle.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
builder.Services.AddQuickPollComponents(o => o.BaseAddress = new Uri("http://localhost/"));
builder.Services.AddQuickPollServer();

var app = builder.Build();
app.MapRazorPages();
app.MapQuickPoll();
app.Run();

/// <summary>The entry point, for the tests' <c>WebApplicationFactory</c>.</summary>
internal sealed partial class Program;
