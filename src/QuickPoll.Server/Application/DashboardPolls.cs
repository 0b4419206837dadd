using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>One poll as the staff dashboard shows it: its question and target in English, and its results overall and per segment.</summary>
internal sealed record DashboardPoll(string Id, string Question, string? Target, PollResultsBreakdown Results);

/// <summary>The staff dashboard's polls: every poll's results overall and per segment.</summary>
internal sealed class DashboardPolls(Database database)
{
    public IReadOnlyList<DashboardPoll> Read() =>
        database.Read(query => PollStore.List(query).Select(poll =>
        {
            var segments = PollStore.Counts(query, poll.Id, ContextDimension.Segment.Name);
            return new DashboardPoll(
                poll.Id,
                PollStore.Localize(poll.Definition.Question, "en"),
                poll.Definition.Target,
                new PollResultsBreakdown(
                    PollStore.Results(poll, PollStore.Counts(query, poll.Id, PollStore.Overall).GetValueOrDefault(""), "en"),
                    ContextDimension.Segment.Name,
                    [.. segments.OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PollResultsGroup(g.Key, PollStore.Results(poll, g.Value, "en")))]));
        }).ToList());
}
