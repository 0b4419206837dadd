using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using QuickPoll.Contracts;
using QuickPoll.Server.Answers;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Polls;

/// <summary>Creates a poll, or replaces the definition of an existing one.</summary>
internal sealed class SavePoll(string id, PollDefinition definition, bool isNew) : WriteOperation<PollSummary>
{
    private PollSummary? _saved;

    public override void Execute(WriteBatch batch)
    {
        var json = JsonSerializer.Serialize(definition, QuickPollJsonContext.Default.PollDefinition);
        if (isNew)
        {
            batch.Execute("INSERT INTO polls (id, definition, created_at) VALUES (@id, @definition, @at);", ("@id", id), ("@definition", json), ("@at", batch.Now));
            _saved = new PollSummary(id, definition, DateTimeOffset.Parse(batch.Now, CultureInfo.InvariantCulture));
            return;
        }

        var existing = PollStore.Find(batch.Query, id)
            ?? throw new WriteRejectedException(StatusCodes.Status404NotFound, "pollId", $"There is no poll '{id}'.");
        batch.Execute("UPDATE polls SET definition = @definition, updated_at = @at WHERE id = @id;", ("@id", id), ("@definition", json), ("@at", batch.Now));
        _saved = existing with { Definition = definition };
    }

    public override void Reset() => _saved = null;

    protected override PollSummary GetResult() => _saved!;
}

/// <summary>
/// Records a visitor's vote and moves the poll's counters; a visitor's second vote replaces the first.
/// Refused when the poll is unknown (404), not open (409) or the choices don't fit it (400).
/// </summary>
internal sealed class CastVote(string pollId, PollVoteRequest vote, DateTimeOffset now, IdempotentRequest? idempotency)
    : IdempotentWrite<PollResults>("vote", idempotency, QuickPollJsonContext.Default.PollResults)
{
    private PollSummary? _poll;
    private long _voteId;

    protected override void Write(WriteBatch batch)
    {
        _poll = PollStore.Find(batch.Query, pollId)
            ?? throw new WriteRejectedException(StatusCodes.Status404NotFound, "pollId", $"There is no poll '{pollId}'.");
        var definition = _poll.Definition;
        if (!PollStore.IsOpen(definition, now))
        {
            throw new WriteRejectedException(StatusCodes.Status409Conflict, "pollId", "This poll is closed and takes no more votes.");
        }

        if (vote.ChoiceIds.FirstOrDefault(c => !definition.Choices.Any(d => d.Id == c)) is { } unknown)
        {
            throw new WriteRejectedException(StatusCodes.Status400BadRequest, "choiceIds", $"The poll has no choice '{unknown}'.");
        }

        if (!definition.AllowMultiple && vote.ChoiceIds.Count > 1)
        {
            throw new WriteRejectedException(StatusCodes.Status400BadRequest, "choiceIds", "This poll takes one choice.");
        }

        var choices = string.Join(',', vote.ChoiceIds);
        var previous = vote.VisitorId is null ? null : FindPrevious(batch);
        if (previous is { } earlier)
        {
            _voteId = earlier.Id;
            batch.Execute(
                $"UPDATE poll_votes SET choice_ids = @choices, {ContextColumns.Assignments}, updated_at = @at WHERE id = @id;",
                [("@id", earlier.Id), ("@choices", choices), ("@at", batch.Now), .. ContextColumns.Bind(vote)]);
            PollCounters.Move(batch, pollId, earlier.Choices, earlier.Context, -1);
        }
        else
        {
            _voteId = (long)batch.Scalar(
                $"""
                INSERT INTO poll_votes (poll_id, choice_ids, visitor_id, {ContextColumns.List}, created_at)
                VALUES (@poll, @choices, @visitor, {ContextColumns.Parameters}, @at) RETURNING id;
                """,
                [("@poll", pollId), ("@choices", choices), ("@visitor", vote.VisitorId), ("@at", batch.Now), .. ContextColumns.Bind(vote)])!;
        }

        PollCounters.Move(batch, pollId, vote.ChoiceIds, AnswerContext.Of(vote), +1);
    }

    protected override PollResults Read(WriteBatch batch) =>
        PollStore.Results(_poll!, PollStore.Counts(batch.Query, pollId, PollStore.Overall).GetValueOrDefault(""), vote.Locale);

    protected override void ResetWrite() => (_poll, _voteId) = (null, 0);

    private (long Id, string[] Choices, AnswerContext Context)? FindPrevious(WriteBatch batch)
    {
        using var reader = batch.Query(
            $"SELECT id, choice_ids, {ContextColumns.Counted} FROM poll_votes WHERE poll_id = @poll AND visitor_id = @visitor;",
            ("@poll", pollId), ("@visitor", vote.VisitorId));
        if (!reader.Read())
        {
            return null;
        }

        return (reader.GetInt64(0), reader.GetString(1).Split(','), AnswerContext.Read(reader, 2));
    }
}
