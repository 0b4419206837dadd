using QuickPoll.Contracts;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Application;

/// <summary>Reads a poll in the visitor's language, with whether it takes votes now.</summary>
internal sealed class ReadPoll(Database database, TimeProvider time)
{
    public Poll Run(string pollId, string? locale)
    {
        ArgumentNullException.ThrowIfNull(pollId);
        return database.Read(query => PollStore.Find(query, pollId)) is { } poll
            ? PollStore.View(poll, locale, time.GetUtcNow())
            : throw UnknownPoll(pollId);
    }

    public static QuickPollRefusal UnknownPoll(string pollId) => QuickPollRefusal.NotFound("pollId", $"There is no poll '{pollId}'.");
}
