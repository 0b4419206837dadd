using QuickPoll.Contracts;
using QuickPoll.Server.Polls;
using QuickPoll.Server.Storage;

namespace QuickPoll.Server.Tests.Privacy;

/// <summary>
/// Counts answers and votes from their tables and compares with the counters summaries and poll results are read
/// from: after any deletion they must still agree exactly (counters at zero count as absent).
/// </summary>
internal static class CounterRecount
{
    public static void AssertCountersMatchTables(Database database)
    {
        database.Read(query =>
        {
            var answers = Rows(query, $"SELECT target, kind, score, {ContextColumns.Counted} FROM answers;");
            var summaries = new Dictionary<string, long>();
            var contexts = new Dictionary<string, long>();
            foreach (var a in answers)
            {
                Add(summaries, $"{a[0]}|{a[1]}|{a[2]}");
                foreach (var (dimension, value) in Groups(a[3..]))
                {
                    Add(contexts, $"{a[0]}|{a[1]}|{dimension}|{value}|{a[2]}");
                }
            }

            var votes = Rows(query, $"SELECT poll_id, choice_ids, {ContextColumns.Counted} FROM poll_votes;");
            var polls = new Dictionary<string, long>();
            foreach (var v in votes)
            {
                foreach (var (dimension, value) in Groups(v[2..]).Prepend((PollStore.Overall, "")))
                {
                    foreach (var choice in v[1]!.Split(',').Append(PollStore.Voters))
                    {
                        Add(polls, $"{v[0]}|{dimension}|{value}|{choice}");
                    }
                }
            }

            AssertSame(summaries, Counters(query, "SELECT target, kind, score, count FROM summary_counts;"), "summary_counts");
            AssertSame(contexts, Counters(query, "SELECT target, kind, dimension, value, score, count FROM context_counts;"), "context_counts");
            AssertSame(polls, Counters(query, "SELECT poll_id, dimension, value, choice_id, count FROM poll_counts;"), "poll_counts");
            return 0;
        });
    }

    // Each groupable field with a value, by its wire name: the columns are selected in the order of ContextDimension.Groupable.
    private static IEnumerable<(string Dimension, string Value)> Groups(string?[] values) =>
        ContextDimension.Groupable.Zip(values).Where(p => p.Second is not null).Select(p => (p.First.Name, p.Second!));

    private static void Add(Dictionary<string, long> counts, string key) => counts[key] = counts.GetValueOrDefault(key) + 1;

    private static void AssertSame(Dictionary<string, long> recounted, Dictionary<string, long> stored, string table)
    {
        Assert.All(stored, counter => Assert.True(counter.Value >= 0, $"{table} {counter.Key} is negative: {counter.Value}."));
        var nonZero = stored.Where(c => c.Value != 0).ToDictionary();
        Assert.Equal(recounted.OrderBy(c => c.Key, StringComparer.Ordinal), nonZero.OrderBy(c => c.Key, StringComparer.Ordinal));
    }

    private static List<string?[]> Rows(QueryRunner query, string sql)
    {
        var rows = new List<string?[]>();
        using var reader = query(sql);
        while (reader.Read())
        {
            rows.Add([.. Enumerable.Range(0, reader.FieldCount).Select(i => reader.IsDBNull(i) ? null : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture))]);
        }

        return rows;
    }

    private static Dictionary<string, long> Counters(QueryRunner query, string sql)
    {
        var counters = new Dictionary<string, long>();
        foreach (var row in Rows(query, sql))
        {
            counters[string.Join('|', row[..^1])] = long.Parse(row[^1]!, System.Globalization.CultureInfo.InvariantCulture);
        }

        return counters;
    }
}
