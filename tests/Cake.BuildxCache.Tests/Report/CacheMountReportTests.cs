using System.Text.Json;
using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>The carried cache mounts' figures in <c>buildx-report.json</c> and the step summary.</summary>
public sealed class CacheMountReportTests
{
    private static readonly CacheMountFigures Filled = new(
        "nuget", true, "registry.example.com/app/cache:main.mount-nuget", "no layer cache ref the build imports recorded the same inputs for its steps",
        74_448_896, TimeSpan.FromSeconds(20.9), "unchanged", "unchanged (sha256:ab), not exported", 161_480_704, TimeSpan.FromSeconds(1.84));

    private static readonly CacheMountFigures Skipped = new(
        "npm", false, null, "its steps' inputs match registry.example.com/app/cache:main's cache (the steps will come from the layer cache)",
        0, TimeSpan.Zero, "unchanged", "unchanged (no step that mounts it ran), not checked", null, TimeSpan.Zero);

    [Test]
    public void Each_mount_gets_its_fill_and_what_was_done_after_the_build()
    {
        var json = CacheMountReport.AddTo("{\n  \"summary\": {}\n}\n", [Filled, Skipped]);

        using var document = JsonDocument.Parse(json);
        var mounts = document.RootElement.GetProperty("cacheMounts");
        Assert.That(document.RootElement.TryGetProperty("summary", out _), Is.True, "the report is kept");
        Assert.That(mounts.GetArrayLength(), Is.EqualTo(2));
        var nuget = mounts[0];
        Assert.That(nuget.GetProperty("id").GetString(), Is.EqualTo("nuget"));
        var fill = nuget.GetProperty("fill");
        Assert.That(
            (fill.GetProperty("filled").GetBoolean(), fill.GetProperty("from").GetString(), fill.GetProperty("bytes").GetInt64(), fill.GetProperty("seconds").GetDouble()),
            Is.EqualTo((true, Filled.FilledFrom, 74_448_896L, 20.9)));
        var after = nuget.GetProperty("after");
        Assert.That(
            (after.GetProperty("result").GetString(), after.GetProperty("bytes").GetInt64(), after.GetProperty("seconds").GetDouble()),
            Is.EqualTo(("unchanged", 161_480_704L, 1.84)));
        var npm = mounts[1];
        Assert.That(npm.GetProperty("fill").GetProperty("filled").GetBoolean(), Is.False);
        Assert.That(npm.GetProperty("fill").GetProperty("from").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(npm.GetProperty("fill").GetProperty("why").GetString(), Does.StartWith("its steps' inputs match"));
        Assert.That(npm.GetProperty("after").GetProperty("bytes").ValueKind, Is.EqualTo(JsonValueKind.Null));
        Assert.That(json, Does.EndWith("}\n"));
    }

    [Test]
    public void Without_mounts_the_report_is_as_it_was_and_the_summary_has_a_row_per_mount()
    {
        Assert.That(CacheMountReport.AddTo("{}\n", null), Is.EqualTo("{}\n"));
        Assert.That(CacheMountReport.Markdown([]), Is.Empty);
        var rows = CacheMountReport.Markdown([Filled, Skipped]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(rows, Has.Length.EqualTo(4));
        Assert.That(rows[2], Does.StartWith("| `nuget` | filled from `registry.example.com/app/cache:main.mount-nuget`, 71.0 MB in 20.9 s | unchanged, 154.0 MB in 1.8 s:"));
        Assert.That(rows[3], Does.StartWith("| `npm` | not filled: its steps' inputs match"));
    }
}
