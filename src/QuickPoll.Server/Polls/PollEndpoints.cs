using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using QuickPoll.Contracts;
using QuickPoll.Server.Application;
using QuickPoll.Server.Http;
using QuickPoll.Server.OpenApi;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Polls;

/// <summary>Quick polls: visitors read and vote; staff define, change and read results.</summary>
internal static class PollEndpoints
{
    private static readonly string[] s_breakdowns = ["segment", "journeyStage", "touchpoint", "locale"];

    public static void MapPublic(RouteGroupBuilder api)
    {
        api.MapGet("/polls/{pollId}", GetPoll)
            .WithName("GetPoll")
            .WithSummary("Read a poll in the visitor's language")
            .Produces<Poll>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/polls/{pollId}/votes", VoteAsync)
            .WithName("VoteInPoll")
            .WithSummary("Vote in a poll")
            .WithDescription("Records the visitor's choices and returns the poll's results. A visitor's second vote replaces the first. 409 when the poll is closed.")
            .TakesIdempotencyKey()
            .Produces<PollResults>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/polls/{pollId}/results", GetResults)
            .WithName("GetPollResults")
            .WithSummary("Read a poll's results: counts and percentages per choice")
            .Produces<PollResults>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/polls", CreateAsync)
            .WithName("CreatePoll")
            .WithSummary("Create a poll")
            .ReadsJsonBody<PollDefinition>()
            .Produces<PollSummary>(StatusCodes.Status201Created, "application/json");

        admin.MapGet("/polls", ListPolls)
            .WithName("ListPolls")
            .WithSummary("List every poll, newest first")
            .Produces<IReadOnlyList<PollSummary>>(contentType: "application/json");

        admin.MapPut("/polls/{pollId}", UpdateAsync)
            .WithName("UpdatePoll")
            .WithSummary("Change a poll: its texts, dates, or close it")
            .ReadsJsonBody<PollDefinition>()
            .Produces<PollSummary>(contentType: "application/json")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/polls/{pollId}/results", GetBreakdown)
            .WithName("GetPollResultsBreakdown")
            .WithSummary("Read a poll's results overall and broken down by segment, journey stage, touchpoint or locale")
            .Produces<PollResultsBreakdown>(contentType: "application/json")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static JsonHttpResult<Poll> GetPoll(string pollId, string? locale, ReadPoll useCase) =>
        TypedResults.Json(useCase.Run(pollId, locale), QuickPollJsonContext.Default.Poll);

    internal static async Task<JsonHttpResult<PollResults>> VoteAsync(
        string pollId, JsonRequest<PollVoteRequest> body, HttpContext http, Application.CastVote useCase, CancellationToken cancellationToken) =>
        TypedResults.Json(await useCase.RunAsync(pollId, body.Value, HttpCaller.Of(http), cancellationToken), QuickPollJsonContext.Default.PollResults);

    internal static JsonHttpResult<PollResults> GetResults(string pollId, string? locale, ReadPollResults useCase) =>
        TypedResults.Json(useCase.Run(pollId, locale), QuickPollJsonContext.Default.PollResults);

    internal static async Task<IResult> CreateAsync(HttpRequest request, WriteQueue writes, CancellationToken cancellationToken)
    {
        var (definition, problem) = await ReadDefinitionAsync(request, cancellationToken);
        if (definition is null)
        {
            return problem!;
        }

        var poll = await writes.WriteAsync(new SavePoll(Guid.NewGuid().ToString("N")[..12], definition, isNew: true), cancellationToken);
        return TypedResults.Json(poll, QuickPollJsonContext.Default.PollSummary, statusCode: StatusCodes.Status201Created);
    }

    internal static IResult ListPolls(Database database) =>
        TypedResults.Json<IReadOnlyList<PollSummary>>(database.Read(PollStore.List), QuickPollJsonContext.Default.IReadOnlyListPollSummary);

    internal static async Task<IResult> UpdateAsync(string pollId, HttpRequest request, WriteQueue writes, CancellationToken cancellationToken)
    {
        var (definition, problem) = await ReadDefinitionAsync(request, cancellationToken);
        if (definition is null)
        {
            return problem!;
        }

        try
        {
            var poll = await writes.WriteAsync(new SavePoll(pollId, definition, isNew: false), cancellationToken);
            return TypedResults.Json(poll, QuickPollJsonContext.Default.PollSummary);
        }
        catch (WriteRejectedException rejection)
        {
            return Problems.Rejected(rejection);
        }
    }

    internal static IResult GetBreakdown(string pollId, string? breakdown, string? locale, Database database)
    {
        if (breakdown is not null && !s_breakdowns.Contains(breakdown))
        {
            return Problems.Invalid("breakdown", $"Break results down by one of: {string.Join(", ", s_breakdowns)}.");
        }

        var (poll, overall, groups) = database.Read<(PollSummary?, Dictionary<string, Dictionary<string, long>>?, Dictionary<string, Dictionary<string, long>>?)>(query =>
            PollStore.Find(query, pollId) is { } found
                ? (found, PollStore.Counts(query, pollId, PollStore.Overall), breakdown is null ? null : PollStore.Counts(query, pollId, breakdown))
                : (null, null, null));
        if (poll is null)
        {
            return UnknownPoll(pollId);
        }

        var result = new PollResultsBreakdown(
            PollStore.Results(poll, overall!.GetValueOrDefault(""), locale),
            breakdown,
            [.. (groups ?? []).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PollResultsGroup(g.Key, PollStore.Results(poll, g.Value, locale)))]);
        return TypedResults.Json(result, QuickPollJsonContext.Default.PollResultsBreakdown);
    }

    private static async Task<(PollDefinition? Definition, IResult? Problem)> ReadDefinitionAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var (definition, problem) = await JsonBody.ReadAsync(request, QuickPollJsonContext.Default.PollDefinition, cancellationToken);
        if (definition is null)
        {
            return (null, problem);
        }

        var errors = PollLimits.Validate(definition);
        return errors.Count > 0 ? (null, Problems.Invalid(errors.ToDictionary())) : (definition, null);
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult UnknownPoll(string pollId) => Problems.NotFound("pollId", $"There is no poll '{pollId}'.");
}
