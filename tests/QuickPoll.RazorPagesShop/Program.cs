// A shop built on Razor Pages, not on Razor component pages: it hosts the collection endpoint and renders a QuickPoll
// component with the component tag helper (Pages/Product.cshtml), whose plain form Razor Pages cannot handle.
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddRazorPages();
builder.Services.AddQuickPollComponents(o => o.BaseAddress = new Uri("http://localhost/"));
builder.Services.AddQuickPollServer();

var app = builder.Build();
app.MapRazorPages();
app.MapQuickPoll();
// A handler of the shop's own that reads a form post's raw body (a payment provider's callback, say).
app.MapPost("/callback", async (HttpRequest request) => await new StreamReader(request.Body).ReadToEndAsync());
app.Run();

/// <summary>The entry point, for the tests' <c>WebApplicationFactory</c>.</summary>
internal sealed partial class Program;
