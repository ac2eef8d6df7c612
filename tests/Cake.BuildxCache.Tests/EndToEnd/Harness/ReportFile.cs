using System.Text.Json;

namespace Cake.BuildxCache.Tests.EndToEnd.Harness;

/// <summary>What <c>artifacts/buildx-report.json</c> says of the last build in a workspace (schema in <c>JsonReport</c>).</summary>
internal sealed record ReportFile(
    string ProgressFormat,
    int BuildSteps,
    int Cached,
    int Ran,
    IReadOnlyList<string> Imported,
    bool Exported,
    IReadOnlyList<string> ExportErrors,
    IReadOnlyDictionary<string, string> StepStatus)
{
    /// <summary>Gets the <c>counts</c> object: every step as BuildKit counts them, and where the numbers came from.</summary>
    public ReportCounts Counts { get; init; } = null!;

    public static ReportFile Read(Workspace workspace) => ReadAt(workspace.Path);

    /// <summary>The report in <paramref name="directory"/> (a checkout other than the scene's workspace).</summary>
    public static ReportFile ReadAt(string directory)
    {
        var path = Path.Combine(directory, "artifacts", "buildx-report.json");
        Assert.That(File.Exists(path), Is.True, "the build wrote no report at " + path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return From(json.RootElement);
    }

    /// <summary>The report of each image of a run that declared several (<c>images</c>: one report per image name).</summary>
    public static IReadOnlyDictionary<string, ReportFile> ReadImages(Workspace workspace)
    {
        var path = Path.Combine(workspace.Path, "artifacts", "buildx-report.json");
        Assert.That(File.Exists(path), Is.True, "the build wrote no report at " + path);
        using var json = JsonDocument.Parse(File.ReadAllText(path));
        return json.RootElement.GetProperty("images").EnumerateObject().ToDictionary(image => image.Name, image => From(image.Value), StringComparer.Ordinal);
    }

    private static ReportFile From(JsonElement root)
    {
        var summary = root.GetProperty("summary");
        var cache = root.GetProperty("cache");
        var steps = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var step in root.GetProperty("steps").EnumerateArray())
        {
            steps[step.GetProperty("name").GetString()!] = step.GetProperty("status").GetString()!;
        }

        var counts = root.GetProperty("counts");
        int? Number(string name) => counts.GetProperty(name).ValueKind == JsonValueKind.Number ? counts.GetProperty(name).GetInt32() : null;
        return new ReportFile(
            root.GetProperty("progressFormat").GetString()!,
            summary.GetProperty("buildSteps").GetInt32(),
            summary.GetProperty("cached").GetInt32(),
            summary.GetProperty("ran").GetInt32(),
            [.. cache.GetProperty("imported").EnumerateArray().Select(item => item.GetString()!)],
            cache.GetProperty("exported").ValueKind == JsonValueKind.True,
            [.. cache.GetProperty("exportErrors").EnumerateArray().Select(item => item.GetString()!)],
            steps)
        {
            Counts = new ReportCounts(
                counts.GetProperty("source").GetString()!,
                counts.GetProperty("steps").GetInt32(),
                counts.GetProperty("cached").GetInt32(),
                Number("progressSteps"),
                Number("progressCached"),
                counts.GetProperty("recordId").GetString(),
                [.. counts.GetProperty("disagreements").EnumerateArray().Select(item => item.GetString()!)]),
        };
    }

    /// <summary>The status of the step whose name contains <paramref name="fragment"/> (e.g. <c>RUN sleep</c>).</summary>
    public string StatusOf(string fragment)
    {
        var matches = StepStatus.Where(step => step.Key.Contains(fragment, StringComparison.Ordinal)).ToList();
        Assert.That(matches, Has.Count.EqualTo(1), $"one step named like '{fragment}' in: {string.Join(", ", StepStatus.Keys)}");
        return matches[0].Value;
    }

    public override string ToString() =>
        $"{ProgressFormat}: {Cached} cached, {Ran} ran of {BuildSteps}; {Counts}; imported [{string.Join(", ", Imported)}]; exported {Exported}; "
        + string.Join("; ", StepStatus.Select(step => $"{step.Key} = {step.Value}"));
}
