using System.Globalization;

namespace Cake.BuildxCache.Report;

/// <summary>The sentences the text and Markdown reports share, so both say the same thing.</summary>
internal static class ReportLines
{
    public static string Headline(BuildSummary summary)
    {
        if (summary.HitRatio is not { } ratio)
        {
            return summary.BuildSteps == 0 ? "no build steps in the output" : "no build step finished";
        }

        var counted = summary.Cached + summary.Ran;
        return string.Create(
            CultureInfo.InvariantCulture,
            $"{summary.Cached} of {counted} build steps cached ({ReportFormatting.Percent(ratio)}), {summary.Ran} ran");
    }

    /// <summary>The step counts and where they came from, or null when there are none to give.</summary>
    public static string? Counts(BuildSummary summary)
    {
        if (summary.Counts is not { } counts || (counts.Source == StepCountSource.Progress && counts.ProgressSteps is null))
        {
            return null;
        }

        var numbers = string.Create(CultureInfo.InvariantCulture, $"{counts.Cached} of {counts.Steps} steps cached");
        if (counts.Source == StepCountSource.Progress)
        {
            return numbers + ", from the progress output" + (counts.Note is { } note ? " (" + note + ")" : string.Empty);
        }

        var status = counts.Status is null or "completed" ? string.Empty : ", " + counts.Status;
        var compared = counts.ProgressSteps is not { } steps || counts.ProgressCached is not { } cached
            ? "no progress output to compare"
            : counts.Disagreements.Count == 0
                ? "the progress output counts the same"
                : string.Create(CultureInfo.InvariantCulture, $"the progress output counts {cached} of {steps}");
        return $"{numbers}{status}, from BuildKit's build record {counts.RecordId}; {compared}";
    }

    /// <summary>The build's error: the progress output's, else the build record's.</summary>
    public static string? Error(BuildSummary summary) => summary.Error ?? summary.Counts?.Error;

    public static string Time(BuildSummary summary) =>
        summary.Elapsed is { } elapsed
            ? ReportFormatting.Duration(elapsed) + " wall, " + ReportFormatting.Duration(summary.StepTime) + " in steps"
            : ReportFormatting.Duration(summary.StepTime) + " in steps";

    public static IReadOnlyList<string> CacheFrom(BuildSummary summary)
    {
        var lines = summary.ImportedCacheRefs.Select(reference => reference + " (imported)")
            .Concat(summary.FailedCacheImports.Select(import => import.Ref + " (not imported: " + ReportFormatting.OneLine(import.Error ?? "no error text", 200) + ")"))
            .ToList();
        return lines.Count == 0 ? ["none"] : lines;
    }

    public static string CacheTo(BuildSummary summary) =>
        summary.CacheExportErrors.Count > 0
            ? "failed: " + ReportFormatting.OneLine(summary.CacheExportErrors[0], 300)
            : summary.CacheExported ? "written" : "not written";

    public static string StepTime(BuildStep step) =>
        step.Duration is { } duration ? " (" + ReportFormatting.Duration(duration) + ")" : string.Empty;
}
