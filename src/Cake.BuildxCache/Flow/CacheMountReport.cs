using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Flow;

/// <summary>The carried cache mounts' figures in <c>buildx-report.json</c> (its <c>cacheMounts</c> array) and in the CI step summary.</summary>
internal static class CacheMountReport
{
    /// <summary>The report with the mounts in it.</summary>
    /// <param name="json">The report's JSON.</param>
    /// <param name="mounts">What was done per mount, or null (the report is returned as it is).</param>
    /// <returns>The JSON.</returns>
    public static string AddTo(string json, IReadOnlyList<CacheMountFigures>? mounts)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (mounts is null || mounts.Count == 0 || JsonNode.Parse(json) is not JsonObject root)
        {
            return json;
        }

        root["cacheMounts"] = new JsonArray([.. mounts.Select(mount => (JsonNode?)new JsonObject
        {
            ["id"] = mount.Id,
            ["fill"] = new JsonObject
            {
                ["filled"] = mount.Filled,
                ["from"] = mount.FilledFrom,
                ["why"] = mount.FillWhy,
                ["bytes"] = mount.FillBytes,
                ["seconds"] = Seconds(mount.FillTime),
            },
            ["after"] = new JsonObject
            {
                ["result"] = mount.After,
                ["why"] = mount.AfterWhy,
                ["bytes"] = mount.AfterBytes,
                ["seconds"] = Seconds(mount.AfterTime),
            },
        })]);

        // Written as JsonReport writes it: indented, "\n" line ends.
        return root.ToJsonString(new JsonSerializerOptions { WriteIndented = true, NewLine = "\n" }) + (json.EndsWith('\n') ? "\n" : string.Empty);
    }

    /// <summary>The step summary's lines: per mount, the fill and what was done after the build.</summary>
    /// <param name="mounts">What was done per mount, or null.</param>
    /// <returns>Markdown, empty without mounts.</returns>
    public static string Markdown(IReadOnlyList<CacheMountFigures>? mounts)
    {
        if (mounts is null || mounts.Count == 0)
        {
            return string.Empty;
        }

        var text = new StringBuilder("| cache mount | before the build | after the build |\n|---|---|---|\n");
        foreach (var mount in mounts)
        {
            var fill = mount.Filled
                ? "filled from " + MarkdownReport.Code(mount.FilledFrom!) + MarkdownReport.Escape($", {Describe(mount.FillBytes)} in {Seconds(mount.FillTime).ToString("0.0", CultureInfo.InvariantCulture)} s")
                : MarkdownReport.Escape("not filled: " + mount.FillWhy);
            var after = mount.After + (mount.AfterBytes is { } bytes ? $", {Describe(bytes)}" : string.Empty)
                + $" in {Seconds(mount.AfterTime).ToString("0.0", CultureInfo.InvariantCulture)} s: " + mount.AfterWhy;
            text.Append("| ").Append(MarkdownReport.Code(mount.Id)).Append(" | ").Append(fill).Append(" | ").Append(MarkdownReport.Escape(after)).Append(" |\n");
        }

        return text.Append('\n').ToString();
    }

    private static string Describe(long bytes) => Policy.CacheMountContent.Describe(bytes);

    private static double Seconds(TimeSpan time) => Math.Round(time.TotalSeconds, 2);
}
