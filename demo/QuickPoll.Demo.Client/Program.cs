using Microsoft.AspNetCore.Components.WebAssembly.Hosting;

var builder = WebAssemblyHostBuilder.CreateDefault(args);

// The SDK runs in the browser and calls the shop's own collection API, on the page's origin.
builder.Services.AddQuickPollComponents(o => o.BaseAddress = new Uri(builder.HostEnvironment.BaseAddress));

await builder.Build().RunAsync();
