using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Results;

/// <summary>
/// Streams raw answers for a date range, row by row from the database to the response, so an export of
/// millions of answers holds one row in memory at a time.
/// </summary>
internal static class AnswerExport
{
    private static readonly string[] s_columns =
        ["id", "target", "kind", "score", "created_at", "updated_at", "visitor_id", .. ContextDimension.All.Select(d => d.Column()), "verified_purchase"];

    private static readonly string s_select = $"""
        SELECT id, target, kind, score, created_at, updated_at, visitor_id, verified, {ContextColumns.List}
        FROM answers
        WHERE created_at >= @from AND created_at < @to AND (CAST(@target AS TEXT) IS NULL OR target = @target)
        ORDER BY id;
        """;

    public static async IAsyncEnumerable<ExportedAnswer> ReadAsync(
        Database database, DateTimeOffset? from, DateTimeOffset? to, string? target, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = database.Open();
        await using var command = connection.CreateCommand();
        command.CommandText = s_select;
        Database.SetParameters(command, [("@from", WriteBatch.Stamp(from ?? DateTimeOffset.MinValue)), ("@to", WriteBatch.Stamp(to ?? DateTimeOffset.MaxValue)), ("@target", target)]);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            string? Text(int i) => reader.IsDBNull(i) ? null : reader.GetString(i);
            if (!FeedbackKindNames.TryParse(reader.GetString(2), out var kind))
            {
                continue; // a kind this version does not know, written by a newer one
            }

            var answer = new ExportedAnswer(reader.GetInt64(0), reader.GetString(1), kind, reader.GetInt32(3), Time(reader.GetString(4)))
            {
                UpdatedAt = Text(5) is { } updated ? Time(updated) : null,
                VisitorId = Text(6),
                VerifiedPurchase = reader.GetInt32(7) != 0,
            };
            for (var i = 0; i < ContextDimension.All.Count; i++)
            {
                answer = ContextDimension.All[i].With(answer, Text(8 + i));
            }

            yield return answer;
        }
    }

    /// <summary>Writes the answers as CSV (RFC 4180, UTF-8 with a byte order mark so spreadsheets read Polish letters).</summary>
    public static async Task WriteCsvAsync(
        HttpResponse response, IAsyncEnumerable<ExportedAnswer> answers, CancellationToken cancellationToken, string fileName = "quickpoll-answers.csv")
    {
        response.ContentType = "text/csv; charset=utf-8";
        response.Headers.ContentDisposition = $"attachment; filename=\"{fileName}\"";
        await WriteCsvAsync(response.Body, answers, cancellationToken);
    }

    /// <summary>Writes the answers as CSV to <paramref name="body"/>, which stays open.</summary>
    public static async Task WriteCsvAsync(Stream body, IAsyncEnumerable<ExportedAnswer> answers, CancellationToken cancellationToken)
    {
        await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true), bufferSize: 16 * 1024, leaveOpen: true);
        await writer.WriteAsync(string.Join(',', s_columns) + "\r\n");
        var line = new StringBuilder();
        await foreach (var a in answers.WithCancellation(cancellationToken))
        {
            line.Clear();
            Cell(line, a.Id.ToString(CultureInfo.InvariantCulture), first: true);
            Cell(line, a.Target);
            Cell(line, FeedbackKindNames.Of(a.Kind));
            Cell(line, a.Score.ToString(CultureInfo.InvariantCulture));
            Cell(line, a.CreatedAt.ToString("O", CultureInfo.InvariantCulture));
            Cell(line, a.UpdatedAt?.ToString("O", CultureInfo.InvariantCulture));
            Cell(line, a.VisitorId);
            foreach (var dimension in ContextDimension.All)
            {
                Cell(line, dimension.ValueOf(a));
            }

            Cell(line, a.VerifiedPurchase ? "true" : "false");
            line.Append("\r\n");
            await writer.WriteAsync(line, cancellationToken);
        }

        await writer.FlushAsync(cancellationToken);
    }

    /// <summary>
    /// One CSV cell. Text a visitor typed that starts with = + - @, their full-width forms, a tab or a carriage return,
    /// also after leading spaces or other whitespace (spreadsheets skip it), is prefixed with one apostrophe, so a
    /// spreadsheet shows it as text instead of running it as a formula. Nothing else in the cell changes.
    /// </summary>
    internal static void Cell(StringBuilder line, string? value, bool first = false)
    {
        if (!first)
        {
            line.Append(',');
        }

        if (string.IsNullOrEmpty(value))
        {
            return;
        }

        if (CouldRunAsFormula(value))
        {
            value = "'" + value;
        }

        if (value.AsSpan().IndexOfAny(",\"\r\n") >= 0)
        {
            line.Append('"').Append(value.Replace("\"", "\"\"", StringComparison.Ordinal)).Append('"');
        }
        else
        {
            line.Append(value);
        }
    }

    private static bool CouldRunAsFormula(string value)
    {
        if (value[0] is '\t' or '\r')
        {
            return true;
        }

        var start = 0;
        while (start < value.Length && char.IsWhiteSpace(value[start]))
        {
            start++;
        }

        return start < value.Length && value[start] is '=' or '+' or '-' or '@' or '\uFF1D' or '\uFF0B' or '\uFF0D' or '\uFF20';
    }


    private static DateTimeOffset Time(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
