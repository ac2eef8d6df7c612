using System.Globalization;

namespace Cake.BuildxCache.Report;

/// <summary>How durations, percentages and stage names read in every rendering, so the log, the job summary and
/// the <c>--require-cache-hit</c> message agree.</summary>
internal static class ReportFormatting
{
    /// <summary>The name shown for the unnamed stage of a single-stage Dockerfile.</summary>
    public const string UnnamedStage = "(unnamed)";

    /// <summary>A duration as buildx prints it: <c>20.2s</c>; <c>2m05.3s</c> from a minute on.</summary>
    /// <param name="duration">The duration.</param>
    /// <returns>The text.</returns>
    public static string Duration(TimeSpan duration)
    {
        var tenths = (long)Math.Round(duration.TotalSeconds * 10, MidpointRounding.AwayFromZero);
        if (tenths < 600)
        {
            return (tenths / 10.0).ToString("0.0", CultureInfo.InvariantCulture) + "s";
        }

        var minutes = tenths / 600;
        var seconds = (tenths % 600) / 10.0;
        return minutes.ToString(CultureInfo.InvariantCulture) + "m" + seconds.ToString("00.0", CultureInfo.InvariantCulture) + "s";
    }

    /// <summary>A ratio as a percentage, cut (not rounded) to one decimal so that a value below a threshold never
    /// reads as the threshold: 0.6666 is <c>66.6%</c>, 0.7999 is <c>79.9%</c>, 1 is <c>100%</c>.</summary>
    /// <param name="ratio">Between 0 and 1.</param>
    /// <returns>The text, with <c>%</c>.</returns>
    public static string Percent(double ratio)
    {
        // The small epsilon keeps exact ratios exact: 0.29 * 1000 is 289.99999999999994 in binary.
        var tenths = Math.Floor((ratio * 1000) + 1e-9) / 10;
        return tenths.ToString("0.#", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>A stage name for display: <see cref="UnnamedStage"/> for the empty name.</summary>
    /// <param name="stage">The stage name.</param>
    /// <returns>The text.</returns>
    public static string Stage(string stage) => string.IsNullOrEmpty(stage) ? UnnamedStage : stage;

    /// <summary>A step name or error for a log line or a table: cut to <paramref name="maxLength"/> characters with <c>…</c>
    /// (a <c>RUN</c> can be a whole script), every run of whitespace, line breaks included, made one space.</summary>
    /// <param name="name">The step name.</param>
    /// <param name="maxLength">At most this many characters, the ellipsis included.</param>
    /// <returns>The text.</returns>
    public static string OneLine(string name, int maxLength = 100)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        var oneLine = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return oneLine.Length <= maxLength ? oneLine : oneLine[..(maxLength - 1)] + "…";
    }
}
