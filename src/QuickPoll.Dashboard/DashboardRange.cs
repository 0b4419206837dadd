using System.Globalization;
using Microsoft.AspNetCore.Http;
using QuickPoll.Server.Application;

namespace QuickPoll.Dashboard;

/// <summary>
/// The period a page shows: the last 7, 30 or 90 whole days up to the end of today (UTC), or the days from
/// <c>from</c> to <c>to</c> (both included) as a date input sends them.
/// </summary>
internal sealed record DashboardRange(DateTimeOffset From, DateTimeOffset To, string Preset)
{
    public const string Custom = "custom";
    public const int DefaultDays = 30;

    public static readonly int[] PresetDays = [7, 30, 90];

    /// <summary>The first day shown.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(From.UtcDateTime);

    /// <summary>The last day shown (the range ends at the start of the next).</summary>
    public DateOnly LastDay => DateOnly.FromDateTime(To.UtcDateTime).AddDays(-1);

    /// <summary>Reads the range of a request; a wrong value gives the default range and a message naming the field.</summary>
    public static (DashboardRange Range, string? Error) Read(HttpRequest request, TimeProvider time)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var fallback = Last(DefaultDays, today);
        string? from = Value(request, "from"), to = Value(request, "to"), days = Value(request, "days");
        if (from is null && to is null)
        {
            if (days is null)
            {
                return (fallback, null);
            }

            return int.TryParse(days, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && PresetDays.Contains(n)
                ? (Last(n, today), null)
                : (fallback, "days: choose the last 7, 30 or 90 days.");
        }

        if (!TryDay(from, out var first))
        {
            return (fallback, "from: enter the first day as a date, such as 2026-01-31.");
        }

        if (!TryDay(to, out var last))
        {
            return (fallback, "to: enter the last day as a date, such as 2026-01-31.");
        }

        var end = last ?? today;
        var start = first ?? end.AddDays(1 - DefaultDays);
        var range = new DashboardRange(Midnight(start), Midnight(end.AddDays(1)), Custom);
        // The admin API's rules (order, longest span) apply to the dashboard too.
        try
        {
            ReadInsights.Range(Iso(range.From), Iso(range.To), null, time);
        }
        catch (QuickPollRefusal refusal)
        {
            var (field, messages) = refusal.Errors.First();
            return (fallback, $"{field}: {messages.FirstOrDefault()}");
        }

        return (range, null);
    }

    private static DashboardRange Last(int days, DateOnly today) =>
        new(Midnight(today.AddDays(1 - days)), Midnight(today.AddDays(1)), days.ToString(CultureInfo.InvariantCulture));

    private static bool TryDay(string? text, out DateOnly? day)
    {
        day = null;
        if (text is null)
        {
            return true;
        }

        if (DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed))
        {
            day = parsed;
            return true;
        }

        return false;
    }

    private static DateTimeOffset Midnight(DateOnly day) => new(day.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    private static string Iso(DateTimeOffset time) => time.ToString("O", CultureInfo.InvariantCulture);

    /// <summary>A query value, or <see langword="null"/> when absent or blank (an empty form field).</summary>
    internal static string? Value(HttpRequest request, string name) =>
        request.Query[name].ToString() is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;
}
