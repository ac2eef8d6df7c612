using System.Globalization;
using System.Text;

namespace Cake.BuildxCache.Report;

/// <summary>
/// The cache report as plain text for the build log: a headline, the per-stage table, then the time, the cache
/// refs read and written, the steps that ran and the error. Lines end with <c>\n</c>.
/// </summary>
/// <example>
/// <code>
/// cache: 1 of 2 build steps cached (50%), 1 ran
/// stage    steps  cached  ran   time
/// slow         1       1    0   0.0s
/// stage-1      1       0    1   0.1s
/// total        2       1    1   0.1s
/// counts:      1 of 9 steps cached, from BuildKit's build record l4tjehbe06vzj55yjgje4d3tg; the progress output counts the same
/// time:        1.0s wall, 0.1s in steps
/// cache from:  registry.example.com/app/cache:main (imported)
/// cache to:    written
/// ran:         [stage-1 2/2] COPY --from=slow /out / (0.1s)
/// </code>
/// </example>
internal static class PlainTextReport
{
    /// <summary>Renders a summary.</summary>
    /// <param name="summary">The summary.</param>
    /// <returns>The text, ending with a line break.</returns>
    public static string Render(BuildSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        var text = new StringBuilder();
        text.Append("cache: ").Append(ReportLines.Headline(summary)).Append('\n');
        AppendTable(text, summary);

        if (ReportLines.Counts(summary) is { } counts)
        {
            text.Append("counts:      ").Append(counts).Append('\n');
        }

        text.Append("time:        ").Append(ReportLines.Time(summary)).Append('\n');
        var from = ReportLines.CacheFrom(summary);
        for (var i = 0; i < from.Count; i++)
        {
            text.Append(i == 0 ? "cache from:  " : "             ").Append(from[i]).Append('\n');
        }

        text.Append("cache to:    ").Append(ReportLines.CacheTo(summary)).Append('\n');
        for (var i = 0; i < summary.RanSteps.Count; i++)
        {
            var step = summary.RanSteps[i];
            text.Append(i == 0 ? "ran:         " : "             ").Append(ReportFormatting.OneLine(step.Name)).Append(ReportLines.StepTime(step)).Append('\n');
        }

        if (summary.Miss is { } miss)
        {
            text.Append("first miss:  ").Append(miss.Describe()).Append('\n');
        }

        if (ReportLines.Error(summary) is { } error)
        {
            text.Append("error:       ").Append(ReportFormatting.OneLine(error, 300)).Append('\n');
        }

        return text.ToString();
    }

    private static void AppendTable(StringBuilder text, BuildSummary summary)
    {
        if (summary.Stages.Count == 0)
        {
            return;
        }

        var rows = new List<string[]> { new[] { "stage", "steps", "cached", "ran", "time" } };
        rows.AddRange(summary.Stages.Select(stage => Row(ReportFormatting.Stage(stage.Stage), stage.Steps, stage.Cached, stage.Ran, stage.Time)));
        rows.Add(Row("total", summary.BuildSteps, summary.Cached, summary.Ran, summary.Stages.Aggregate(TimeSpan.Zero, (sum, stage) => sum + stage.Time)));

        var widths = Enumerable.Range(0, 5).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            var line = new StringBuilder(row[0].PadRight(widths[0]));
            for (var column = 1; column < row.Length; column++)
            {
                line.Append("  ").Append(row[column].PadLeft(widths[column]));
            }

            text.Append(line.ToString().TrimEnd()).Append('\n');
        }
    }

    private static string[] Row(string stage, int steps, int cached, int ran, TimeSpan time) =>
    [
        stage,
        steps.ToString(CultureInfo.InvariantCulture),
        cached.ToString(CultureInfo.InvariantCulture),
        ran.ToString(CultureInfo.InvariantCulture),
        ReportFormatting.Duration(time),
    ];
}
