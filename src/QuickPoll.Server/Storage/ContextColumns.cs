using System.Text;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Storage;

/// <summary>
/// Where the context fields of <see cref="ContextDimension.All"/> are stored: each in the column named after it in snake
/// case (<c>journeyStage</c> in <c>journey_stage</c>), alike in answers, poll_votes and comments. Statements name the
/// columns through here, so a new field needs only its migration step besides its descriptor.
/// </summary>
internal static class ContextColumns
{
    private static readonly Dictionary<ContextDimension, string> s_columns = ContextDimension.All.ToDictionary(d => d, d => SnakeCase(d.Name));

    /// <summary>Every context column, in the order of <see cref="ContextDimension.All"/>: <c>segment, journey_stage, ...</c>.</summary>
    public static readonly string List = string.Join(", ", ContextDimension.All.Select(Column));

    /// <summary>The parameters <see cref="Bind"/> fills, in the order of <see cref="List"/>.</summary>
    public static readonly string Parameters = string.Join(", ", ContextDimension.All.Select(d => "@" + Column(d)));

    /// <summary>Sets every context column from <see cref="Bind"/>'s parameters, for an UPDATE.</summary>
    public static readonly string Assignments = string.Join(", ", ContextDimension.All.Select(d => $"{Column(d)} = @{Column(d)}"));

    /// <summary>The columns counters are kept by (<see cref="ContextDimension.Groupable"/>), as <see cref="Answers.AnswerContext.Read"/> reads them.</summary>
    public static readonly string Counted = string.Join(", ", ContextDimension.Groupable.Select(Column));

    /// <summary>The column a field is stored in; also its name in the CSV export.</summary>
    public static string Column(this ContextDimension dimension) => s_columns[dimension];

    /// <summary>A context's values as the parameters of <see cref="Parameters"/> and <see cref="Assignments"/>.</summary>
    public static IEnumerable<(string Name, object? Value)> Bind(FeedbackContext context) =>
        ContextDimension.All.Select(d => ("@" + Column(d), (object?)d.ValueOf(context)));

    private static string SnakeCase(string name)
    {
        var column = new StringBuilder(name.Length + 4);
        foreach (var c in name)
        {
            column.Append(char.IsAsciiLetterUpper(c) ? "_" + char.ToLowerInvariant(c) : c);
        }

        return column.ToString();
    }
}
