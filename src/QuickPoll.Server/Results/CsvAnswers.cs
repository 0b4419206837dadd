using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;

namespace QuickPoll.Server.Results;

/// <summary>Answers written as a CSV attachment, row by row as they are read.</summary>
internal sealed class CsvAnswers(IAsyncEnumerable<ExportedAnswer> answers) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => AnswerExport.WriteCsvAsync(httpContext.Response, answers, httpContext.RequestAborted);
}
