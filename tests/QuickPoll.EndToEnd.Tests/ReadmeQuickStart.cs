using System.Text.RegularExpressions;

namespace QuickPoll.EndToEnd.Tests;

/// <summary>
/// The README's quick start as a shop developer reads it: the commands to run in a clone of the repository, the commands
/// to run in the app's folder, the <c>Program.cs</c> lines (those before <c>...</c> go before <c>var app = builder.Build();</c>,
/// those after it before <c>app.Run();</c>) and the page to add, named by the last file path the text gives before it.
/// </summary>
internal sealed partial record ReadmeQuickStart(
    string RepositoryCommands,
    string AppCommands,
    IReadOnlyList<string> ServiceLines,
    IReadOnlyList<string> EndpointLines,
    string PagePath,
    string PageMarkup)
{
    /// <summary>Reads the section titled "Quick start" of the README at <paramref name="readmePath"/>.</summary>
    public static ReadmeQuickStart Read(string readmePath)
    {
        var readme = File.ReadAllText(readmePath).ReplaceLineEndings("\n");
        var start = readme.IndexOf("\n## Quick start", StringComparison.Ordinal);
        Assert.True(start >= 0, "README.md has no \"## Quick start\" section.");
        var end = readme.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? readme[start..] : readme[start..end];

        var blocks = CodeBlock().Matches(section).ToList();
        string Body(Match block) => Unindent(block.Groups["body"].Value, block.Groups["indent"].Value);
        var bash = blocks.Where(b => b.Groups["lang"].Value == "bash").ToList();
        var csharp = blocks.Where(b => b.Groups["lang"].Value == "csharp").ToList();
        var razor = blocks.Where(b => b.Groups["lang"].Value == "razor").ToList();
        Assert.True(bash.Count == 2, $"The quick start should have two bash blocks (in the repository, in the app), not {bash.Count}.");
        Assert.True(csharp.Count == 1, $"The quick start should have one C# block (Program.cs), not {csharp.Count}.");
        Assert.True(razor.Count == 1, $"The quick start should have one Razor block (the page), not {razor.Count}.");

        var program = Body(csharp[0]).Split('\n').Select(l => l.TrimEnd()).ToList();
        var elision = program.FindIndex(l => l.Trim() == "...");
        Assert.True(elision > 0, "The Program.cs block should have its service lines, then \"...\", then its endpoint lines.");

        // The page's file: the last path ending in .razor that the text names before the block.
        var before = section[..razor[0].Index];
        var paths = RazorPath().Matches(before);
        Assert.True(paths.Count > 0, "The quick start should name the page's file (a `....razor` path) before its markup.");

        return new ReadmeQuickStart(
            Body(bash[0]),
            Body(bash[1]),
            program[..elision].Where(l => l.Length > 0).ToList(),
            program[(elision + 1)..].Where(l => l.Length > 0).ToList(),
            paths[^1].Groups["path"].Value,
            Body(razor[0]));
    }

    /// <summary>The page's route, from its <c>@page</c> directive.</summary>
    public string PageRoute =>
        PageDirective().Match(PageMarkup) is { Success: true } page ? page.Groups["route"].Value
            : throw new InvalidOperationException("The quick start's page has no @page directive.");

    /// <summary>The template's Program.cs with the quick start's lines where the README says they go.</summary>
    public string Apply(string program)
    {
        program = program.ReplaceLineEndings("\n");
        const string Build = "var app = builder.Build();";
        const string Run = "app.Run();";
        Assert.Contains(Build, program, StringComparison.Ordinal);
        Assert.Contains(Run, program, StringComparison.Ordinal);
        program = program.Replace(Build, string.Join("\n", ServiceLines) + "\n\n" + Build, StringComparison.Ordinal);
        return program.Replace(Run, string.Join("\n", EndpointLines) + "\n\n" + Run, StringComparison.Ordinal);
    }

    private static string Unindent(string body, string indent) =>
        string.Join("\n", body.Split('\n').Select(l => l.StartsWith(indent, StringComparison.Ordinal) ? l[indent.Length..] : l.TrimStart()));

    [GeneratedRegex(@"^(?<indent>[ ]*)```(?<lang>[a-z]+)\n(?<body>.*?)\n[ ]*```$", RegexOptions.Multiline | RegexOptions.Singleline)]
    private static partial Regex CodeBlock();

    [GeneratedRegex(@"`(?<path>[A-Za-z0-9_./-]+\.razor)`")]
    private static partial Regex RazorPath();

    [GeneratedRegex(@"^@page\s+""(?<route>[^""]+)""", RegexOptions.Multiline)]
    private static partial Regex PageDirective();
}
