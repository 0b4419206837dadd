using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;

namespace QuickPoll.Server.Results;

/// <summary>Staff's results with breakdowns, and the raw answers export.</summary>
internal static class ResultEndpoints
{
    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapGet("/results", GetResults)
            .WithName("GetResults")
            .WithSummary("Read the answers of one kind, for one target or all, overall and broken down by segment, journeyStage, touchpoint, locale or target")
            .ProducesValidationProblem();

        admin.MapGet("/answers", Export)
            .WithName("ExportAnswers")
            .WithSummary("Export raw answers for a date range as JSON or CSV, streamed")
            .Produces<string>(StatusCodes.Status200OK, "text/csv")
            .ProducesValidationProblem();
    }

    internal static JsonOk<ResultsBreakdown> GetResults([AsParameters] ResultsRequest request, ReadResults useCase) =>
        ContractResults.Ok(useCase.Run(request));

    internal static Results<JsonOk<IAsyncEnumerable<ExportedAnswer>>, CsvAnswers> Export(
        [AsParameters] AnswerExportRequest request, ExportAnswers useCase, CancellationToken cancellationToken)
    {
        var export = useCase.Run(request, cancellationToken);
        return export.Csv ? new CsvAnswers(export.Answers) : ContractResults.Ok(export.Answers);
    }
}

/// <summary>Answers written as a CSV attachment, row by row as they are read.</summary>
internal sealed class CsvAnswers(IAsyncEnumerable<ExportedAnswer> answers) : IResult
{
    public Task ExecuteAsync(HttpContext httpContext) => AnswerExport.WriteCsvAsync(httpContext.Response, answers, httpContext.RequestAborted);
}
