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
    public static void MapPublic(RouteGroupBuilder api)
    {
        api.MapGet("/polls/{pollId}", GetPoll)
            .WithName("GetPoll")
            .WithSummary("Read a poll in the visitor's language")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/polls/{pollId}/votes", VoteAsync)
            .WithName("VoteInPoll")
            .WithSummary("Vote in a poll")
            .WithDescription("Records the visitor's choices and returns the poll's results. A visitor's second vote replaces the first. 409 when the poll is closed.")
            .TakesIdempotencyKey()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);

        api.MapGet("/polls/{pollId}/results", GetResults)
            .WithName("GetPollResults")
            .WithSummary("Read a poll's results: counts and percentages per choice")
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    public static void MapAdmin(RouteGroupBuilder admin)
    {
        admin.MapPost("/polls", CreateAsync)
            .WithName("CreatePoll")
            .WithSummary("Create a poll");

        admin.MapGet("/polls", ListPolls)
            .WithName("ListPolls")
            .WithSummary("List every poll, newest first");

        admin.MapPut("/polls/{pollId}", UpdateAsync)
            .WithName("UpdatePoll")
            .WithSummary("Change a poll: its texts, dates, or close it")
            .ProducesProblem(StatusCodes.Status404NotFound);

        admin.MapGet("/polls/{pollId}/results", GetBreakdown)
            .WithName("GetPollResultsBreakdown")
            .WithSummary("Read a poll's results overall and broken down by segment, journey stage, touchpoint or locale")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
    }

    internal static JsonOk<Poll> GetPoll(string pollId, string? locale, ReadPoll useCase) =>
        ContractResults.Ok(useCase.Run(pollId, locale));

    internal static async Task<JsonOk<PollResults>> VoteAsync(
        string pollId, JsonRequest<PollVoteRequest> body, HttpContext http, Application.CastVote useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(pollId, body.Value, HttpCaller.Of(http), cancellationToken));

    internal static JsonOk<PollResults> GetResults(string pollId, string? locale, ReadPollResults useCase) =>
        ContractResults.Ok(useCase.Run(pollId, locale));

    internal static async Task<JsonCreated<PollSummary>> CreateAsync(JsonRequest<PollDefinition> body, CreatePoll useCase, CancellationToken cancellationToken) =>
        ContractResults.Created(await useCase.RunAsync(body.Value, cancellationToken));

    internal static JsonOk<IReadOnlyList<PollSummary>> ListPolls(ListPolls useCase) => ContractResults.Ok(useCase.Run());

    internal static async Task<JsonOk<PollSummary>> UpdateAsync(string pollId, JsonRequest<PollDefinition> body, UpdatePoll useCase, CancellationToken cancellationToken) =>
        ContractResults.Ok(await useCase.RunAsync(pollId, body.Value, cancellationToken));

    internal static JsonOk<PollResultsBreakdown> GetBreakdown([AsParameters] PollResultsRequest request, ReadPollResultsBreakdown useCase) =>
        ContractResults.Ok(useCase.Run(request));
}
