using QuickPoll.Contracts;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Staff define a poll: question and choices in several languages, dates, optional target.</summary>
internal sealed class CreatePoll(WriteQueue writes)
{
    public Task<PollSummary> RunAsync(PollDefinition definition, CancellationToken cancellationToken)
    {
        PollRules.Check(definition);
        return writes.WriteAsync(new SavePoll(Guid.NewGuid().ToString("N")[..12], definition, isNew: true), cancellationToken);
    }
}

/// <summary>Staff change a poll's texts or dates, or close it; 404 for a poll that does not exist.</summary>
internal sealed class UpdatePoll(WriteQueue writes)
{
    public Task<PollSummary> RunAsync(string pollId, PollDefinition definition, CancellationToken cancellationToken)
    {
        PollRules.Check(definition);
        return writes.WriteAsync(new SavePoll(pollId, definition, isNew: false), cancellationToken);
    }
}

/// <summary>Every poll, newest first.</summary>
internal sealed class ListPolls(Database database)
{
    public IReadOnlyList<PollSummary> Run() => database.Read(PollStore.List);
}

/// <summary>A poll's results overall and, when asked, per segment, journey stage, touchpoint or locale.</summary>
internal sealed class ReadPollResultsBreakdown(Database database)
{
    /// <summary>The context fields a poll's results can be broken down by.</summary>
    public static readonly string[] Breakdowns = [.. ContextDimension.Groupable.Select(d => d.Name)];

    public PollResultsBreakdown Run(PollResultsRequest request)
    {
        var (pollId, breakdown, locale) = request;
        if (breakdown is not null && !Breakdowns.Contains(breakdown))
        {
            throw QuickPollRefusal.Invalid("breakdown", $"Break results down by one of: {string.Join(", ", Breakdowns)}.");
        }

        var (poll, overall, groups) = database.Read<(PollSummary?, Dictionary<string, Dictionary<string, long>>?, Dictionary<string, Dictionary<string, long>>?)>(query =>
            PollStore.Find(query, pollId) is { } found
                ? (found, PollStore.Counts(query, pollId, PollStore.Overall), breakdown is null ? null : PollStore.Counts(query, pollId, breakdown))
                : (null, null, null));
        if (poll is null)
        {
            throw QuickPollRefusal.NotFound("pollId", $"There is no poll '{pollId}'.");
        }

        return new PollResultsBreakdown(
            PollStore.Results(poll, overall!.GetValueOrDefault(""), locale),
            breakdown,
            [.. (groups ?? []).OrderBy(g => Answers.AnswerContext.Rank(breakdown, g.Key)).ThenBy(g => g.Key, StringComparer.Ordinal).Select(g => new PollResultsGroup(g.Key, PollStore.Results(poll, g.Value, locale)))]);
    }
}

/// <summary>Which poll's results, broken down by what (or nothing), with choice labels in which language.</summary>
internal sealed record PollResultsRequest(
    [property: Microsoft.AspNetCore.Mvc.FromRoute(Name = "pollId")] string PollId,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "breakdown")] string? Breakdown,
    [property: Microsoft.AspNetCore.Mvc.FromQuery(Name = "locale")] string? Locale);

/// <summary>The limits every poll definition meets, wherever it comes from.</summary>
internal static class PollRules
{
    public static void Check(PollDefinition definition)
    {
        if (PollLimits.Validate(definition) is { Count: > 0 } errors)
        {
            throw QuickPollRefusal.Invalid(errors);
        }
    }
}
