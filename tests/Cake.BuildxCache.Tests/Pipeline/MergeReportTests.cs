using System.Text.Json;
using Cake.BuildxCache.Pipeline;

namespace Cake.BuildxCache.Tests.Pipeline;

/// <summary>Merge's report: <c>buildx-report.json</c> of its own shape, and a job summary of platforms, not cache lines.</summary>
public sealed class MergeReportTests
{
    private const string Amd64 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";
    private const string I386 = "sha256:2222222222222222222222222222222222222222222222222222222222222222";
    private const string Index = "sha256:3333333333333333333333333333333333333333333333333333333333333333";

    private static MergeReport Report(bool moved) => new(
        "registry.example.com/app",
        Index,
        [new("linux/amd64", "registry.example.com/app", Amd64, "abc", "artifacts/fan-out-linux-amd64.json"), new("linux/386", "registry.example.com/app", I386, null, "--platform-digest")],
        ["registry.example.com/app:main", "registry.example.com/app:latest"],
        moved,
        moved ? "image changed" : "image unchanged: every tag holds these image manifests, no tag moved");

    [Test]
    public void The_json_names_each_platform_and_digest_the_index_the_tags_and_whether_they_moved()
    {
        using var json = JsonDocument.Parse(Report(moved: false).ToJson());
        var root = json.RootElement;

        Assert.That((root.GetProperty("schemaVersion").GetInt32(), root.GetProperty("kind").GetString(), root.GetProperty("index").GetString()), Is.EqualTo((1, "merge", Index)));
        Assert.That(root.GetProperty("platforms").EnumerateArray().Select(platform => (platform.GetProperty("platform").GetString(), platform.GetProperty("digest").GetString(), platform.GetProperty("source").GetString())),
            Is.EqualTo(new[] { ("linux/amd64", Amd64, "artifacts/fan-out-linux-amd64.json"), ("linux/386", I386, "--platform-digest") }));
        Assert.That(root.GetProperty("tags").GetArrayLength(), Is.EqualTo(2));
        Assert.That(root.GetProperty("tagsMoved").GetBoolean(), Is.False);
        Assert.That(root.TryGetProperty("summary", out _), Is.False, "no cache counts: Merge builds nothing");
    }

    [Test]
    public void The_job_summary_lists_the_platforms_and_says_whether_the_tags_moved_with_no_cache_line()
    {
        var moved = Report(moved: true).ToMarkdown();
        var kept = Report(moved: false).ToMarkdown();

        Assert.That(moved, Does.Contain($"| `linux/amd64` | `{Amd64}` |").And.Contain($"| `linux/386` | `{I386}` |"));
        Assert.That(moved, Does.Contain("`registry.example.com/app:latest` (moved)"));
        Assert.That(kept, Does.Contain("(not moved)").And.Contain("no tag moved"));
        Assert.That(moved + kept, Does.Not.Contain("cache"));
    }
}
