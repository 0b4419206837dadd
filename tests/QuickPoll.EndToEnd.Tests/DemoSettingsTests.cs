using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The demo's admin key and its API reference belong to a developer's machine: outside Development the shop has
/// neither, unless <c>Demo:ApiReference</c> turns the reference on.
/// </summary>
public sealed class DemoSettingsTests : IDisposable
{
    private const string DemoAdminKey = "demo-admin-key-not-for-production";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), "quickpoll-demo-settings-" + Guid.NewGuid().ToString("N"));

    public DemoSettingsTests() => Directory.CreateDirectory(_directory);

    public void Dispose()
    {
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    [Fact]
    public async Task Outside_development_the_demo_has_no_admin_key_and_no_api_reference()
    {
        using var shop = Shop("Production");
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var document = await client.GetAsync("/openapi/v1.json");
        using var reference = await client.GetAsync("/api-reference/");
        using var admin = await AdminAsync(client);
        var home = await client.GetStringAsync("/");
        var login = await client.GetStringAsync("/quickpoll/login");

        Assert.Equal(HttpStatusCode.NotFound, document.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, reference.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, admin.StatusCode);
        Assert.DoesNotContain("href=\"api-reference\"", home, StringComparison.Ordinal);
        // The staff dashboard says why nobody can log in, and which setting fixes it.
        Assert.Contains("No admin key is configured", login, StringComparison.Ordinal);
        Assert.Contains("QuickPoll:Server:AdminKey", login, StringComparison.Ordinal);
        Assert.DoesNotContain("name=\"key\"", login, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_development_the_demo_has_its_admin_key_and_api_reference()
    {
        using var shop = Shop("Development");
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var document = await client.GetAsync("/openapi/v1.json");
        using var admin = await AdminAsync(client);
        var login = await client.GetStringAsync("/quickpoll/login");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
        Assert.Equal(HttpStatusCode.OK, admin.StatusCode);
        Assert.Contains("name=\"key\"", login, StringComparison.Ordinal);
        Assert.Contains("href=\"api-reference\"", await client.GetStringAsync("/"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_setting_turns_the_api_reference_on_outside_development()
    {
        using var shop = Shop("Production", ("Demo:ApiReference", "true"));
        var client = shop.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var document = await client.GetAsync("/openapi/v1.json");

        Assert.Equal(HttpStatusCode.OK, document.StatusCode);
    }

    private static Task<HttpResponseMessage> AdminAsync(HttpClient client)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v1/admin/keys");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", DemoAdminKey);
        return client.SendAsync(request);
    }

    private WebApplicationFactory<Program> Shop(string environment, params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseEnvironment(environment);
            builder.UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={Path.Combine(_directory, environment + ".db")}");
            builder.UseSetting("QuickPoll:ApiBaseAddress", "");
            builder.UseSetting("Demo:SeedHistory", "false");
            foreach (var (key, value) in settings)
            {
                builder.UseSetting(key, value);
            }
        });
}
