using System.Globalization;

namespace QuickPoll.Dashboard.Charts;

/// <summary>Coordinates as SVG wants them: invariant culture, one decimal.</summary>
internal static class ChartMath
{
    public static string N(double value) => Math.Round(value, 1).ToString("0.#", CultureInfo.InvariantCulture);

    public static string DefaultFormat(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
