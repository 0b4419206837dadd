using System.Globalization;
using System.Text.Json;
using QuickPoll.Contracts;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Polls;

/// <summary>Reads polls and their counters; used by the endpoints (pooled connections) and inside writes (the batch).</summary>
internal static class PollStore
{
    /// <summary>The dimension of the overall counters; a context counter's dimension names its context field.</summary>
    public const string Overall = "";

    /// <summary>The choice id under which a counter row counts voters rather than picks.</summary>
    public const string Voters = "";

    public static PollSummary? Find(QueryRunner query, string id)
    {
        using var reader = query("SELECT definition, created_at FROM polls WHERE id = @id;", ("@id", id));
        return reader.Read()
            ? new PollSummary(id, JsonSerializer.Deserialize(reader.GetString(0), QuickPollJsonContext.Default.PollDefinition)!, ParseTime(reader.GetString(1)))
            : null;
    }

    public static List<PollSummary> List(QueryRunner query)
    {
        var polls = new List<PollSummary>();
        using var reader = query("SELECT id, definition, created_at FROM polls ORDER BY created_at DESC, id;");
        while (reader.Read())
        {
            polls.Add(new PollSummary(reader.GetString(0), JsonSerializer.Deserialize(reader.GetString(1), QuickPollJsonContext.Default.PollDefinition)!, ParseTime(reader.GetString(2))));
        }

        return polls;
    }

    /// <summary>Counts per (context value, choice) of one poll and one dimension: voters under <see cref="Voters"/>.</summary>
    public static Dictionary<string, Dictionary<string, long>> Counts(QueryRunner query, string pollId, string dimension)
    {
        var counts = new Dictionary<string, Dictionary<string, long>>(StringComparer.Ordinal);
        using var reader = query(
            "SELECT value, choice_id, count FROM poll_counts WHERE poll_id = @poll AND dimension = @dimension;",
            ("@poll", pollId), ("@dimension", dimension));
        while (reader.Read())
        {
            var value = reader.GetString(0);
            if (!counts.TryGetValue(value, out var choices))
            {
                counts[value] = choices = new Dictionary<string, long>(StringComparer.Ordinal);
            }

            choices[reader.GetString(1)] = reader.GetInt64(2);
        }

        return counts;
    }

    public static PollResults Results(PollSummary poll, IReadOnlyDictionary<string, long>? counts, string? locale)
    {
        long Count(string choice) => counts is not null && counts.TryGetValue(choice, out var n) ? n : 0;
        var voters = Count(Voters);
        return new PollResults(
            poll.Id,
            voters,
            [.. poll.Definition.Choices.Select(c => new PollChoiceResult(c.Id, Localize(c.Label, locale), Count(c.Id), voters == 0 ? 0 : Math.Round(100.0 * Count(c.Id) / voters, 1)))]);
    }

    public static Poll View(PollSummary poll, string? locale, DateTimeOffset now)
    {
        var language = PickLocale(poll.Definition.Question, locale);
        return new Poll(
            poll.Id,
            language,
            poll.Definition.Question[language],
            [.. poll.Definition.Choices.Select(c => new PollChoice(c.Id, Localize(c.Label, language)))],
            poll.Definition.AllowMultiple,
            IsOpen(poll.Definition, now))
        {
            Target = poll.Definition.Target,
        };
    }

    public static bool IsOpen(PollDefinition poll, DateTimeOffset now) =>
        !poll.Closed && (poll.ActiveFrom is null || poll.ActiveFrom <= now) && (poll.ActiveTo is null || now < poll.ActiveTo);

    /// <summary>The exact locale, else its language ("pl" for "pl-PL"), else the poll's first (default) language.</summary>
    public static string PickLocale(IReadOnlyDictionary<string, string> texts, string? wanted)
    {
        if (wanted is not null)
        {
            var language = wanted.Split('-')[0];
            foreach (var candidate in new[] { wanted, language })
            {
                var match = texts.Keys.FirstOrDefault(k => string.Equals(k, candidate, StringComparison.OrdinalIgnoreCase));
                if (match is not null)
                {
                    return match;
                }
            }
        }

        return texts.Keys.First();
    }

    public static string Localize(IReadOnlyDictionary<string, string> texts, string? locale) => texts[PickLocale(texts, locale)];

    private static DateTimeOffset ParseTime(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal);
}
