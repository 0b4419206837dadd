using QuickPoll.Contracts;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Reads a poll's results: counts and percentages per choice.</summary>
internal sealed class ReadPollResults(Database database)
{
    public PollResults Run(string pollId, string? locale)
    {
        ArgumentNullException.ThrowIfNull(pollId);
        var (poll, counts) = database.Read(query =>
            PollStore.Find(query, pollId) is { } found ? (found, PollStore.Counts(query, pollId, PollStore.Overall)) : (null, null));
        return poll is null ? throw ReadPoll.UnknownPoll(pollId) : PollStore.Results(poll, counts!.GetValueOrDefault(""), locale);
    }
}
