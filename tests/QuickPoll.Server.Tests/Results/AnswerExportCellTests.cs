using System.Text;
using QuickPoll.Server.Results;

namespace QuickPoll.Server.Tests.Results;

/// <summary>What a CSV cell of the export holds for text a visitor typed.</summary>
public sealed class AnswerExportCellTests
{
    [Theory]
    [InlineData("=1+2", "'=1+2")]
    [InlineData("+cmd", "'+cmd")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("  =1+2", "'  =1+2")]
    [InlineData("\u00A0\u3000+cmd", "'\u00A0\u3000+cmd")]
    [InlineData("\tanything", "'\tanything")]
    [InlineData("\ranything", "\"'\ranything\"")]
    [InlineData(" \t@x", "' \t@x")]
    [InlineData("\uFF1D1+2", "'\uFF1D1+2")]
    [InlineData("\uFF0Bcmd", "'\uFF0Bcmd")]
    [InlineData("\uFF0D2", "'\uFF0D2")]
    [InlineData("\uFF20SUM(A1)", "'\uFF20SUM(A1)")]
    [InlineData("  \uFF1Dx", "'  \uFF1Dx")]
    [InlineData("=HYPERLINK(\"http://evil\")", "\"'=HYPERLINK(\"\"http://evil\"\")\"")]
    public void Text_that_could_run_as_a_formula_gets_one_apostrophe_in_front(string value, string cell)
    {
        var line = new StringBuilder();

        AnswerExport.Cell(line, value, first: true);

        Assert.Equal(cell, line.ToString());
    }

    [Theory]
    [InlineData("mug-001", "mug-001")]
    [InlineData("a=b", "a=b")]
    [InlineData("   ", "   ")]
    [InlineData("1 + 2", "1 + 2")]
    [InlineData("caf\u00E9 \uFF1D", "caf\u00E9 \uFF1D")]
    [InlineData("a,b", "\"a,b\"")]
    public void Other_text_is_left_as_it_is(string value, string cell)
    {
        var line = new StringBuilder();

        AnswerExport.Cell(line, value, first: true);

        Assert.Equal(cell, line.ToString());
    }
}
