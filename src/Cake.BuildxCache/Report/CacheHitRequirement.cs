using System.Globalization;

namespace Cake.BuildxCache.Report;

/// <summary>
/// <c>--require-cache-hit=&lt;percent&gt;</c>: fails a warm build whose cache hit ratio (see <see cref="BuildSummary"/>
/// for what counts) is below the percentage. A cold build (no cache ref imported, e.g. the first build of a
/// repository) is never failed, nor is a build without countable steps.
/// </summary>
internal static class CacheHitRequirement
{
    /// <summary>At most this many steps that ran are named in a failure message.</summary>
    public const int NamedStepsLimit = 5;

    /// <summary>Checks a report, taking it as warm when it imported a cache ref (<see cref="BuildReport.CacheImported"/>).</summary>
    /// <param name="report">The report.</param>
    /// <param name="requiredPercent">The required hit percentage, 0 to 100.</param>
    /// <returns>The verdict.</returns>
    public static CacheHitVerdict Check(BuildReport report, int requiredPercent)
    {
        ArgumentNullException.ThrowIfNull(report);
        return Check(BuildSummary.From(report), requiredPercent, report.CacheImported);
    }

    /// <summary>Checks a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <param name="requiredPercent">The required hit percentage, 0 to 100.</param>
    /// <param name="expectedWarm">Whether this build should have been warm: a cache ref was imported.</param>
    /// <returns>The verdict.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="requiredPercent"/> is outside 0..100.</exception>
    public static CacheHitVerdict Check(BuildSummary summary, int requiredPercent, bool expectedWarm)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentOutOfRangeException.ThrowIfNegative(requiredPercent);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(requiredPercent, 100);
        var option = "--require-cache-hit=" + requiredPercent.ToString(CultureInfo.InvariantCulture);

        if (!expectedWarm)
        {
            return new CacheHitVerdict(true, false, $"{option} not checked: a cold build (no cache ref was imported)");
        }

        if (summary.HitRatio is not { } ratio)
        {
            return new CacheHitVerdict(true, false, $"{option} not checked: no build step was cached or ran");
        }

        var counted = summary.Cached + summary.Ran;
        var hit = ReportFormatting.Percent(ratio);

        // Integers, not the ratio: 2 of 3 against 67 must fail, and 4 of 5 against 80 must pass.
        if (summary.Cached * 100 >= requiredPercent * counted)
        {
            return new CacheHitVerdict(true, true, $"cache hit {hit} meets {option}");
        }

        var named = summary.RanSteps.Take(NamedStepsLimit).Select(step => ReportFormatting.OneLine(step.Name));
        var more = summary.RanSteps.Count > NamedStepsLimit
            ? string.Create(CultureInfo.InvariantCulture, $" and {summary.RanSteps.Count - NamedStepsLimit} more")
            : string.Empty;
        var message = string.Create(
            CultureInfo.InvariantCulture,
            $"cache hit {hit} is below {option}: {summary.Ran} of {counted} steps ran: {string.Join(", ", named)}{more}");
        return new CacheHitVerdict(false, true, message);
    }

    /// <summary>
    /// The failure of a run of several images (one bake), each checked as its own build: every image that missed,
    /// named, with its verdict; null when none did (a cold image, or one without steps, is not failed).
    /// </summary>
    /// <param name="verdicts">Each image's name and verdict, in the run's order.</param>
    /// <returns>The failure message, or null.</returns>
    public static string? ImagesFailure(IReadOnlyList<KeyValuePair<string, CacheHitVerdict>> verdicts)
    {
        ArgumentNullException.ThrowIfNull(verdicts);
        var missed = verdicts.Where(verdict => !verdict.Value.Passed).ToList();
        return missed.Count == 0
            ? null
            : string.Create(
                CultureInfo.InvariantCulture,
                $"{missed.Count} of {verdicts.Count} images missed the cache: {string.Join(", ", missed.Select(image => image.Key))}. {string.Join("; ", missed.Select(image => image.Key + ": " + image.Value.Message))}");
    }
}
