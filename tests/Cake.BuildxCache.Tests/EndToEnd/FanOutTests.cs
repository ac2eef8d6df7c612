using System.Text;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Fan-out and Merge with the real buildx, BuildKit and registry: one <c>--fan-out</c> Publish job per platform
/// (<c>linux/amd64</c> and <c>linux/386</c>, both native on an x86_64 host), each on a fresh runner (a new builder),
/// pushes its platform by digest only; the Merge job, on a fresh runner too, joins them under the tags. The jobs share
/// one checkout, as a pipeline hands each job the earlier jobs' <c>artifacts/</c>. The base image has a history entry
/// for its layer, as real ones do (without it BuildKit names the missing entry after how the last layer was obtained, and
/// a warm build's image differs from a cold one's: docs/reproducible.md).
/// </summary>
public sealed class FanOutTests() : RealStackFixture("fanout")
{
    private const string SlowStep = "RUN sleep";

    [Test]
    public void Two_fan_out_jobs_and_a_merge_give_one_index_under_the_tags_and_a_rerun_moves_nothing()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImageWithHistory));
        var job = Scene.GitLab().Branch("main", "main");

        var amd64 = FanOut(job, "linux/amd64");
        var i386 = FanOut(job, "linux/386");
        Assert.That(Registry.Tags(Scene.Project), Is.Empty, "a fan-out job moves no tag");
        Assert.That(i386.Report.StatusOf(SlowStep), Is.EqualTo("done"), "linux/386 does not build from linux/amd64's cache: " + i386.Report);
        var buildEnv = File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "build.env"));
        Assert.That(buildEnv, Does.Contain("IMAGE_DIGEST_LINUX_386=" + i386.Digest).And.Not.Contain("IMAGE_DIGEST="), buildEnv);

        var merged = Merge(job);
        Assert.That(merged.ExitCode, Is.EqualTo(0), merged.ToString());
        var tags = new[] { "main", Scene.Workspace.ShortSha, "latest" };
        Assert.That(Registry.Tags(Scene.Project), Is.EquivalentTo(tags));
        var index = Registry.Digest(Scene.Project, "main");
        Assert.That(tags.Select(tag => Registry.Digest(Scene.Project, tag)), Is.All.EqualTo(index), "every tag at one index");
        var identity = ImageIdentity.Parse(index!, Encoding.UTF8.GetBytes(Registry.Manifest(Scene.Project, index!)!));
        Assert.That(identity.Platforms.Select(pair => pair.Key), Is.EquivalentTo(new[] { "linux/amd64", "linux/386" }), Registry.Manifest(Scene.Project, index!));
        foreach (var fanOut in new[] { amd64, i386 })
        {
            var platformImage = Identity(fanOut.Digest);
            Assert.That(identity.ImageManifests, Is.SupersetOf(platformImage.ImageManifests), "the index holds the image the fan-out job pushed");
        }

        Assert.That(merged.Output, Does.Contain("Merged " + Scene.Image + "@" + index));
        var report = MergeReportFile();
        Assert.That(report.GetProperty("kind").GetString(), Is.EqualTo("merge"));
        Assert.That(report.GetProperty("index").GetString(), Is.EqualTo(index));
        Assert.That(report.GetProperty("platforms").EnumerateArray().Select(platform => (platform.GetProperty("platform").GetString(), platform.GetProperty("digest").GetString())),
            Is.EqualTo(new[] { ("linux/amd64", amd64.Digest), ("linux/386", i386.Digest) }));
        Assert.That(report.GetProperty("tagsMoved").GetBoolean(), Is.True);

        var amd64Warm = FanOut(job, "linux/amd64");
        var i386Warm = FanOut(job, "linux/386");
        foreach (var (platform, warm) in new[] { ("linux-amd64", amd64Warm), ("linux-386", i386Warm) })
        {
            Assert.That(warm.Report.Ran, Is.Zero, $"{platform}: every step from its own cache: {warm.Report}");
            Assert.That(warm.Report.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache:main-{platform}" }), warm.Report.ToString());
        }

        var again = Merge(job);
        Assert.That(again.ExitCode, Is.EqualTo(0), again.ToString());
        Assert.That(again.Output, Does.Contain("image unchanged"), again.ToString());
        Assert.That(MergeReportFile().GetProperty("tagsMoved").GetBoolean(), Is.False, "the rerun's report says no tag moved");
        Assert.That(tags.Select(tag => Registry.Digest(Scene.Project, tag)), Is.All.EqualTo(index), "no tag moved");
        Assert.That(Scene.Calls("buildx", "imagetools", "create"), Has.Count.EqualTo(1), "the rerun ran no imagetools create");
        TestContext.Out.WriteLine(
            $"fan-out cold: linux/amd64 {amd64.Run.Elapsed.TotalSeconds:0.0} s, linux/386 {i386.Run.Elapsed.TotalSeconds:0.0} s; merge {merged.Elapsed.TotalSeconds:0.0} s; "
            + $"warm: linux/amd64 {amd64Warm.Run.Elapsed.TotalSeconds:0.0} s, linux/386 {i386Warm.Run.Elapsed.TotalSeconds:0.0} s; merge again {again.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public void A_merge_with_a_platform_missing_is_refused_and_moves_nothing()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImageWithHistory));
        var job = Scene.GitLab().Branch("main", "main");
        FanOut(job, "linux/amd64");

        var merge = Merge(job);

        Assert.That(merge.ExitCode, Is.Not.EqualTo(0), merge.ToString());
        Assert.That(merge.Output, Does.Contain("Merge refused, nothing was pushed and no tag moved: missing platform linux/386"), merge.ToString());
        Assert.That(Registry.Tags(Scene.Project), Is.Empty, "no tag");
        Assert.That(Scene.Calls("buildx", "imagetools"), Is.Empty, "no imagetools command ran");
    }

    [Test]
    public void A_merge_of_images_built_from_another_commit_is_refused_by_their_revision_label()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImageWithHistory));
        var job = Scene.GitLab().Branch("main", "main");
        var amd64 = FanOut(job, "linux/amd64");
        var i386 = FanOut(job, "linux/386");
        var next = Scene.Workspace.Repository.Commit("next commit");
        var nextJob = job.With(("CI_COMMIT_SHA", next), ("CI_COMMIT_SHORT_SHA", next[..8]));

        // Digests listed by hand carry no commit: only the images' own labels can tell they are the earlier commit's.
        FreshRunner();
        var merge = Scene.Run(nextJob, "--target=Merge", "--platform=linux/amd64,linux/386", "--platform-digest=linux/amd64=" + amd64.Digest, "--platform-digest=linux/386=" + i386.Digest);

        Assert.That(merge.ExitCode, Is.Not.EqualTo(0), merge.ToString());
        Assert.That(merge.Output, Does.Contain($"linux/amd64: its image's org.opencontainers.image.revision label names commit {Scene.Workspace.Sha}, not this commit {next}")
            .And.Contain($"linux/386: its image's org.opencontainers.image.revision label names commit {Scene.Workspace.Sha}"), merge.ToString());
        Assert.That(Registry.Tags(Scene.Project), Is.Empty, "no tag");
        Assert.That(Scene.Calls("buildx", "imagetools"), Is.Empty, "no imagetools command ran");
    }

    private System.Text.Json.JsonElement MergeReportFile() =>
        System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-report.json"))).RootElement;

    /// <summary>One platform's fan-out Publish job on a fresh runner (a new builder: no local cache).</summary>
    private FanOutJob FanOut(Dictionary<string, string> job, string platform)
    {
        FreshRunner();
        var run = Scene.Run(job, "--target=Publish", "--platform=" + platform, "--fan-out");
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var handOff = File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", $"fan-out-{platform.Replace('/', '-')}.json"));
        using var json = System.Text.Json.JsonDocument.Parse(handOff);
        var digest = json.RootElement.GetProperty("digest").GetString()!;
        Assert.That(json.RootElement.GetProperty("commit").GetString(), Is.EqualTo(Scene.Workspace.Sha), handOff);
        var report = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"{platform}: {run.Elapsed.TotalSeconds:0.0} s, {digest}; {report}");
        return new(run, report, digest);
    }

    private BuildRun Merge(Dictionary<string, string> job)
    {
        FreshRunner();
        return Scene.Run(job, "--target=Merge", "--platform=linux/amd64,linux/386");
    }

    private ImageIdentity Identity(string digest) =>
        ImageIdentity.Parse(digest, Encoding.UTF8.GetBytes(Registry.Manifest(Scene.Project, digest)!));

    private void FreshRunner()
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0).Or.EqualTo(1), removed.Output);
    }

    private sealed record FanOutJob(BuildRun Run, ReportFile Report, string Digest);
}
