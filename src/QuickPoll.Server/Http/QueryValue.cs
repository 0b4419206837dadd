using System.Globalization;

namespace QuickPoll.Server.Http;

/// <summary>
/// Typed query parameters, read by the handlers from strings: a value ASP.NET Core could not bind to an
/// <c>int?</c> or <c>DateTimeOffset?</c> would be refused before the handler with an empty 400, not a problem naming it.
/// </summary>
internal static class QueryValue
{
    /// <returns><see langword="false"/> when the parameter is present but not a whole number in range.</returns>
    public static bool TryInt(string? text, out int? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var number))
        {
            value = number;
            return true;
        }

        return false;
    }

    /// <returns><see langword="false"/> when the parameter is present but not a date and time (ISO 8601; UTC unless an offset is given).</returns>
    public static bool TryDateTime(string? text, out DateTimeOffset? value)
    {
        value = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
        {
            value = moment;
            return true;
        }

        return false;
    }
}
