using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace QuickPoll.TagHelpers.Tests;

/// <summary>The Razor Pages shop on its own SQLite file, as the tag helpers' host.</summary>
internal sealed partial class RazorPagesShop : WebApplicationFactory<Program>
{
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), "quickpoll-taghelpers-" + Guid.NewGuid().ToString("N") + ".db");

    /// <summary>A browser: keeps cookies, follows no redirect.</summary>
    public HttpClient Browser() => CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("QuickPoll:Server:ConnectionString", $"Data Source={databasePath}");
        builder.UseSetting("QuickPoll:Server:CommentMinimumSeconds", "0");
        builder.ConfigureAppConfiguration(c => c.AddInMemoryCollection([new("hostBuilder:reloadConfigOnChange", "false")]));
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { databasePath, databasePath + "-wal", databasePath + "-shm" })
        {
            File.Delete(file);
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>The HTML of the form that contains <paramref name="field"/>, and its fields as a browser would post them.</summary>
    public static (string Form, Dictionary<string, string> Fields) FormWith(string page, string field)
    {
        var form = Forms().Matches(page).Select(m => m.Value).Single(f => f.Contains($"name=\"{field}\"", StringComparison.Ordinal));
        var fields = Inputs().Matches(form).Select(m => m.Value).Where(i => i.Contains("type=\"hidden\"", StringComparison.Ordinal))
            .ToDictionary(i => Attribute(i, "name"), i => Attribute(i, "value"));
        return (form, fields);
    }

    public static string Attribute(string element, string name) =>
        WebUtility.HtmlDecode(Regex.Match(element, $" {name}=\"([^\"]*)\"").Groups[1].Value);

    [GeneratedRegex("<form[^>]*>.*?</form>", RegexOptions.Singleline)]
    private static partial Regex Forms();

    [GeneratedRegex("<input[^>]*>")]
    private static partial Regex Inputs();
}
