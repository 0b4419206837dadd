using System.Text.RegularExpressions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The README's recipe "Add QuickPoll to an MVC or Razor Pages app" as a shop developer reads it: the commands to run in the
/// app's folder, the <c>Program.cs</c> lines (placed as in the quick start), the line for <c>_ViewImports.cshtml</c> (the
/// first such file the text names) and the page to add, named by the last <c>.cshtml</c> path the text gives before it.
/// </summary>
internal sealed partial record ReadmeRazorPagesRecipe(
    string AppCommands,
    IReadOnlyList<string> ServiceLines,
    IReadOnlyList<string> EndpointLines,
    string ViewImportsPath,
    string ViewImportsLines,
    string PagePath,
    string PageMarkup)
{
    /// <summary>The section's title.</summary>
    public const string Title = "Add QuickPoll to an MVC or Razor Pages app";

    /// <summary>Reads the section of the README at <paramref name="readmePath"/>.</summary>
    public static ReadmeRazorPagesRecipe Read(string readmePath)
    {
        var section = ReadmeSections.Section(readmePath, Title);
        var blocks = ReadmeSections.CodeBlocks(section);
        var bash = blocks.Where(b => b.Language == "bash").ToList();
        var csharp = blocks.Where(b => b.Language == "csharp").ToList();
        var cshtml = blocks.Where(b => b.Language == "cshtml").ToList();
        Assert.True(bash.Count == 1, $"The recipe should have one bash block (in the app), not {bash.Count}.");
        Assert.True(csharp.Count == 1, $"The recipe should have one C# block (Program.cs), not {csharp.Count}.");
        Assert.True(cshtml.Count == 2, $"The recipe should have two cshtml blocks (_ViewImports.cshtml, the page), not {cshtml.Count}.");

        var program = csharp[0].Body.Split('\n').Select(l => l.TrimEnd()).ToList();
        var elision = program.FindIndex(l => l.Trim() == "...");
        Assert.True(elision > 0, "The Program.cs block should have its service lines, then \"...\", then its endpoint lines.");

        var importsPaths = CshtmlPath().Matches(section[..cshtml[0].Index]);
        Assert.True(importsPaths.Count > 0, "The recipe should name _ViewImports.cshtml before its line.");
        var pagePaths = CshtmlPath().Matches(section[cshtml[0].Index..cshtml[1].Index]);
        Assert.True(pagePaths.Count > 0, "The recipe should name the page's file (a `....cshtml` path) before its markup.");

        return new(
            bash[0].Body,
            program[..elision].Where(l => l.Length > 0).ToList(),
            program[(elision + 1)..].Where(l => l.Length > 0).ToList(),
            importsPaths[0].Groups["path"].Value,
            cshtml[0].Body,
            pagePaths[^1].Groups["path"].Value,
            cshtml[1].Body);
    }

    /// <summary>The page's route: its <c>@page</c> directive's, or, as Razor Pages does without one, its path under <c>Pages</c>.</summary>
    public string PageRoute =>
        PageDirective().Match(PageMarkup) is { Success: true } page ? page.Groups["route"].Value
            : PagePath.StartsWith("Pages/", StringComparison.Ordinal) && PagePath.EndsWith(".cshtml", StringComparison.Ordinal)
                ? PagePath["Pages".Length..^".cshtml".Length]
                : throw new InvalidOperationException($"The recipe's page {PagePath} is not a Razor Page under Pages/.");

    /// <summary>The template's Program.cs with the recipe's lines where the README says they go.</summary>
    public string Apply(string program) => new ReadmeQuickStart("", "", ServiceLines, EndpointLines, "", "").Apply(program);

    [GeneratedRegex(@"`(?<path>[A-Za-z0-9_./-]+\.cshtml)`")]
    private static partial Regex CshtmlPath();

    [GeneratedRegex(@"^@page\s+""(?<route>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex PageDirective();
}

/// <summary>
/// The README's recipe "Add QuickPoll to any page" as a shop developer reads it: the command that registers the page's site
/// (for the endpoint <see cref="Endpoint"/>, the page's origin <see cref="PageOrigin"/>, the admin key in
/// <c>$QUICKPOLL_ADMIN_KEY</c>), the markup for the page's head, and the markup where the rating goes, with the site's public
/// key as <see cref="KeyPlaceholder"/>.
/// </summary>
internal sealed record ReadmeAnyPageRecipe(string RegisterCommand, string HeadMarkup, string BodyMarkup)
{
    /// <summary>The section's title.</summary>
    public const string Title = "Add QuickPoll to any page";

    /// <summary>The endpoint's address as the recipe writes it.</summary>
    public const string Endpoint = "https://quickpoll.example";

    /// <summary>The page's origin as the recipe writes it.</summary>
    public const string PageOrigin = "https://shop.example";

    /// <summary>The site's public key as the recipe writes it.</summary>
    public const string KeyPlaceholder = "qp_pk_...";

    /// <summary>The environment variable the recipe's command reads the admin key from.</summary>
    public const string AdminKeyVariable = "QUICKPOLL_ADMIN_KEY";

    /// <summary>Reads the section of the README at <paramref name="readmePath"/>.</summary>
    public static ReadmeAnyPageRecipe Read(string readmePath)
    {
        var section = ReadmeSections.Section(readmePath, Title);
        var blocks = ReadmeSections.CodeBlocks(section);
        var bash = blocks.Where(b => b.Language == "bash").ToList();
        var html = blocks.Where(b => b.Language == "html").ToList();
        Assert.True(bash.Count == 1, $"The recipe should have one bash block (registering the site), not {bash.Count}.");
        Assert.True(html.Count == 2, $"The recipe should have two HTML blocks (the head, the rating), not {html.Count}.");
        Assert.Contains(Endpoint, bash[0].Body, StringComparison.Ordinal);
        Assert.Contains(PageOrigin, bash[0].Body, StringComparison.Ordinal);
        Assert.Contains("$" + AdminKeyVariable, bash[0].Body, StringComparison.Ordinal);
        Assert.Contains(Endpoint, html[0].Body, StringComparison.Ordinal);
        Assert.Contains(KeyPlaceholder, html[1].Body, StringComparison.Ordinal);
        return new(bash[0].Body, html[0].Body, html[1].Body);
    }

    /// <summary>The command for a real endpoint and page origin.</summary>
    public string RegisterCommandFor(Uri endpoint, Uri pageOrigin) =>
        RegisterCommand.Replace(Endpoint, endpoint.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal)
            .Replace(PageOrigin, pageOrigin.GetLeftPart(UriPartial.Authority), StringComparison.Ordinal);

    /// <summary>A whole page with the recipe's head and body markup, for a real endpoint and site key.</summary>
    public string PageFor(Uri endpoint, string siteKey)
    {
        var origin = endpoint.GetLeftPart(UriPartial.Authority);
        return $"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <title>Mug</title>
            {HeadMarkup.Replace(Endpoint, origin, StringComparison.Ordinal)}
            </head>
            <body>
            <main>
            <h1>Mug</h1>
            {BodyMarkup.Replace(KeyPlaceholder, siteKey, StringComparison.Ordinal)}
            </main>
            </body>
            </html>
            """;
    }
}

/// <summary>Sections and code blocks of the README.</summary>
internal static partial class ReadmeSections
{
    /// <summary>The text of the section whose <c>## </c> title starts with <paramref name="title"/>, up to the next one.</summary>
    public static string Section(string readmePath, string title)
    {
        var readme = File.ReadAllText(readmePath).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## " + title, StringComparison.Ordinal);
        Assert.True(start >= 0, $"README.md has no \"## {title}\" section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return end < 0 ? readme[start..] : readme[start..end];
    }

    /// <summary>The fenced code blocks of a section, unindented, with their language and place in the section.</summary>
    public static IReadOnlyList<(string Language, string Body, int Index)> CodeBlocks(string section) =>
        CodeBlock().Matches(section).Select(b => (b.Groups["lang"].Value, Unindent(b.Groups["body"].Value, b.Groups["indent"].Value), b.Index)).ToList();

    private static string Unindent(string body, string indent) =>
        string.Join("\n", body.Split('\n').Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l.TrimStart()));

    [GeneratedRegex(@"^(?<indent>[ ]*)```(?<lang>[a-z]+)\n(?<body>.*?)\n[ ]*```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();
}
