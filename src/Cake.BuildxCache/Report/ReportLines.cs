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
