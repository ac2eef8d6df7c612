using System.Text.Json;
using System.Text.RegularExpressions;
using Cake.BuildxCache.Tests.Docker;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// BuildWithCache reads BuildKit's record of the build (<c>docker buildx history inspect --format json</c>) for the
/// report's counts, as buildx 0.36.1 answered for the captured warm build; the progress output stays the fallback and
/// the source of the per-step lines, and a difference between the two is a warning.
/// </summary>
public sealed partial class BuildRecordReportTests
{
    private const string RecordId = "l4tjehbe06vzj55yjgje4d3tg";
    private const string HistoryInspect = "buildx history inspect --builder \"buildx-cache\" --format \"json\" \"" + RecordId + "\"";

    /// <summary>The fake docker as buildx 0.36.1: the captured warm build, its metadata file and its record.</summary>
    private static BuildxHost Host(Workspace workspace, string recordFile = "buildx-history-inspect-warm.json", string version = "buildx-version.txt")
    {
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx version$", _ => DockerAnswer.Fixture(version, Fixtures.Buildx0361));
        host.Docker.On("^buildx build ", call =>
        {
            var path = MetadataFile().Match(call.Arguments).Groups["path"].Value;
            var absolute = Path.Combine(call.WorkingDirectory!.FullPath, path);
            Directory.CreateDirectory(Path.GetDirectoryName(absolute)!);
            File.Copy(Fixtures.PathOf("build-metadata-warm.json", Fixtures.Buildx0361), absolute, overwrite: true);
            return DockerAnswer.Fixture("build-warm-plain.txt", Fixtures.Buildx0361);
        });
        host.Docker.On("^buildx history inspect ", _ => DockerAnswer.Ok(File.ReadAllLines(Fixtures.PathOf(recordFile, Fixtures.Buildx0361))));
        return host;
    }

    private static JsonElement Counts(Workspace workspace)
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(workspace.Path, "artifacts", "buildx-report.json")));
        return json.RootElement.GetProperty("counts").Clone();
    }

    [Test]
    public void The_counts_come_from_buildkits_record_of_the_build_named_in_the_metadata_file()
    {
        using var workspace = Workspace.Plain();

        var run = Host(workspace).Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var build = run.Commands.ToList().FindIndex(command => command.StartsWith("buildx build ", StringComparison.Ordinal));
        Assert.That(run.Commands[build + 1], Is.EqualTo(HistoryInspect), "right after the build");
        Assert.That(run.Output, Does.Contain("counts:      2 of 9 steps cached, from BuildKit's build record " + RecordId + "; the progress output counts the same"));
        Assert.That(run.Output, Does.Contain("time:        1.0s wall, 1.2s in steps"), "the record's duration (plain progress has none)");
        Assert.That(run.Output, Does.Contain("cache: 2 of 2 build steps cached (100%), 0 ran"), "the per-step view is the progress output's");
        var counts = Counts(workspace);
        Assert.That(counts.GetProperty("source").GetString(), Is.EqualTo("buildRecord"));
        Assert.That((counts.GetProperty("steps").GetInt32(), counts.GetProperty("cached").GetInt32()), Is.EqualTo((9, 2)));
        Assert.That(counts.GetProperty("disagreements").GetArrayLength(), Is.Zero);
    }

    [Test]
    public void Where_the_record_and_the_progress_disagree_the_record_counts_with_a_warning()
    {
        using var workspace = Workspace.Plain();

        // The cold build's record (nothing cached) against the warm build's progress (two steps cached).
        var run = Host(workspace, recordFile: "buildx-history-inspect.json").Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain(
            "report: BuildKit's build record rswly9a1u1ru7enqd1usbjeda counts 0 steps cached, the progress output 2; the counts are the record's, the per-step lines the progress output's."));
        Assert.That(run.Output, Does.Contain("counts:      0 of 9 steps cached, from BuildKit's build record rswly9a1u1ru7enqd1usbjeda; the progress output counts 2 of 9"));
        Assert.That(run.Output, Does.Contain("stage-1      1       1    0"), "the per-step lines stay");
        Assert.That(Counts(workspace).GetProperty("disagreements").GetArrayLength(), Is.EqualTo(1));
    }

    [Test]
    public void A_record_that_cannot_be_read_leaves_the_progress_counts_and_says_why()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);
        host.Docker.On("^buildx history inspect ", _ => DockerAnswer.Fail(1, $"ERROR: no record found for ref \"{RecordId}\""));

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("BuildKit's build record could not be read, the counts are the progress output's: "));
        Assert.That(run.Output, Does.Contain($"counts:      2 of 9 steps cached, from the progress output (BuildKit's build record {RecordId} could not be read)"));
        Assert.That(Counts(workspace).GetProperty("source").GetString(), Is.EqualTo("progress"));
    }

    [Test]
    public void Buildx_0_20_is_not_asked_for_a_json_record()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);
        host.Docker.On("^buildx version$", _ => DockerAnswer.Ok("github.com/docker/buildx v0.20.1 2b8d1ba"));

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Has.None.StartWith("buildx history"));
        Assert.That(run.Output, Does.Contain("counts:      2 of 9 steps cached, from the progress output (buildx v0.20.1 has no history inspect --format json (buildx 0.21 and later))"));
    }

    [Test]
    public void Buildx_0_10_writes_no_build_ref_and_is_not_asked_either()
    {
        using var workspace = Workspace.Plain();

        var run = new BuildxHost(workspace, Jobs.GitLabDefaultBranch()).Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Has.None.StartWith("buildx history"));
        Assert.That(Counts(workspace).GetProperty("note").GetString(), Is.EqualTo("the metadata file names no build record (buildx.build.ref, buildx 0.11 and later)"));
    }

    [GeneratedRegex("--metadata-file \"(?<path>[^\"]+)\"")]
    private static partial Regex MetadataFile();
}
