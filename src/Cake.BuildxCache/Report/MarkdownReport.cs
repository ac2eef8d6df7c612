using System.Globalization;
using System.Text;

namespace Cake.BuildxCache.Report;

/// <summary>
/// The cache report as GitHub-flavoured Markdown (for a job summary): a headline, the per-stage table, and a list
/// of time, cache refs read and written, steps that ran and the error. Lines end with <c>\n</c>.
/// </summary>
internal static class MarkdownReport
{
    /// <summary>Renders a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The Markdown, ending with a line break.</returns>
    public static string Render(BuildSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append("**Cache:** ").Append(Escape(ReportLines.Headline(summary))).Append("\n\n");
        if (summary.Stages.Count > 0)
        {
            text.Append("| stage | steps | cached | ran | time |\n");
            text.Append("|:--|--:|--:|--:|--:|\n");
            foreach (var stage in summary.Stages)
            {
                AppendRow(text, Escape(ReportFormatting.Stage(stage.Stage)), stage.Steps, stage.Cached, stage.Ran, stage.Time, bold: false);
            }

            AppendRow(text, "total", summary.BuildSteps, summary.Cached, summary.Ran, summary.Stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Time), bold: true);
            text.Append('\n');
        }

        if (ReportLines.Counts(summary) is { } counts)
        {
            text.Append("- counts: ").Append(Escape(counts)).Append('\n');
        }

        text.Append("- time: ").Append(ReportLines.Time(summary)).Append('\n');
        foreach (var line in ReportLines.CacheFrom(summary))
        {
            text.Append("- cache from: ").Append(Escape(line)).Append('\n');
        }

        text.Append("- cache to: ").Append(Escape(ReportLines.CacheTo(summary))).Append('\n');
        foreach (var step in summary.RanSteps)
        {
            text.Append("- ran: ").Append(Code(ReportFormatting.OneLine(step.Name))).Append(ReportLines.StepTime(step)).Append('\n');
        }

        if (summary.Miss is { } miss)
        {
            text.Append("- first miss: ").Append(MarkdownReport.Code(miss.Step))
                .Append(miss.Line is { } line ? $" (Dockerfile line {line})" : string.Empty)
                .Append(": ").Append(Escape(miss.Why)).Append('\n');
        }

        if (ReportLines.Error(summary) is { } error)
        {
            text.Append("- error: ").Append(Code(ReportFormatting.OneLine(error, 300))).Append('\n');
        }

        return text.ToString();
    }

    /// <summary>Escapes text so Markdown shows it as written (and a <c>|</c> cannot split a table cell).</summary>
    /// <param name="text">The text.</param>
    /// <returns>The escaped text.</returns>
    public static string Escape(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var escaped = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            if ("\\`*_[]<>|#".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }

    /// <summary>A code span holding <paramref name="text"/> as written, fenced with more backticks than it contains.</summary>
    /// <param name="text">The text, on one line.</param>
    /// <returns>The code span.</returns>
    public static string Code(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var longestRun = 0;
        var run = 0;
        foreach (var c in text)
        {
            run = c == '`' ? run + 1 : 0;
            longestRun = Math.Max(longestRun, run);
        }

        var fence = new string('`', longestRun + 1);
        var pad = longestRun > 0 ? " " : string.Empty;
        return fence + pad + text + pad + fence;
    }

    private static void AppendRow(StringBuilder text, string stage, int steps, int cached, int ran, TimeSpan time, bool bold)
    {
        string Cell(string value) => bold ? "**" + value + "**" : value;
        text.Append("| ").Append(Cell(stage))
            .Append(" | ").Append(Cell(steps.ToString(CultureInfo.InvariantCulture)))
            .Append(" | ").Append(Cell(cached.ToString(CultureInfo.InvariantCulture)))
            .Append(" | ").Append(Cell(ran.ToString(CultureInfo.InvariantCulture)))
            .Append(" | ").Append(Cell(ReportFormatting.Duration(time)))
            .Append(" |\n");
    }
}
