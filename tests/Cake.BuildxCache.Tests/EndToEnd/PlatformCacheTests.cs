using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The fan-out: one CI job per platform, each on a fresh runner, with the real buildx and BuildKit (which build
/// <c>linux/amd64</c> and <c>linux/386</c> natively on an x86_64 host). Each job reads and writes a cache ref of its own
/// (<c>main-linux-amd64</c>, <c>main-linux-386</c>), so the second platform's job does not evict the first's cache and
/// each warm rerun finds every step in its own. The base image is the run's busybox as a two-platform index
/// (<see cref="MultiPlatformBaseImage"/>).
/// </summary>
public sealed class PlatformCacheTests() : RealStackFixture("platform")
{
    private const string SlowStep = "RUN sleep";

    [Test]
    public void Each_platform_job_writes_its_own_cache_ref_and_its_warm_rerun_finds_every_step_there()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImage));
        var job = Scene.GitLab().Branch("main", "main");

        var amd64Cold = Job(job, "linux/amd64");
        var i386Cold = Job(job, "linux/386");
        Assert.That(i386Cold.Report.StatusOf(SlowStep), Is.EqualTo("done"), "linux/386 does not build from linux/amd64's cache: " + i386Cold.Report);
        Assert.That(i386Cold.Report.Imported, Is.Empty, i386Cold.Report.ToString());
        Assert.That(Registry.Manifest(Scene.Project, "main"), Does.Match("\"architecture\":\\s*\"386\""), "the image was built for linux/386");
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main-linux-amd64", "main-linux-386" }), "one cache ref per platform");

        var amd64Warm = Job(job, "linux/amd64");
        var i386Warm = Job(job, "linux/386");

        foreach (var (platform, warm) in new[] { ("linux-amd64", amd64Warm), ("linux-386", i386Warm) })
        {
            Assert.That(warm.Report.Ran, Is.Zero, $"{platform}: every step from its own cache: {warm.Report}");
            Assert.That(warm.Report.Cached, Is.EqualTo(warm.Report.BuildSteps).And.GreaterThanOrEqualTo(3), warm.Report.ToString());
            Assert.That(warm.Report.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache:main-{platform}" }), warm.Report.ToString());
            Assert.That(warm.Run.Output, Does.Contain($"cache: branch ref {Scene.Image}/cache:main-{platform} found"));
        }

        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main-linux-amd64", "main-linux-386" }));
        TestContext.Out.WriteLine(
            $"linux/amd64: cold {amd64Cold.Run.Elapsed.TotalSeconds:0.0} s ({amd64Cold.Time}), warm {amd64Warm.Run.Elapsed.TotalSeconds:0.0} s ({amd64Warm.Time}); "
            + $"linux/386: cold {i386Cold.Run.Elapsed.TotalSeconds:0.0} s ({i386Cold.Time}), warm {i386Warm.Run.Elapsed.TotalSeconds:0.0} s ({i386Warm.Time})");
    }

    [Test]
    public void A_new_branchs_first_platform_job_starts_warm_from_the_default_branchs_cache_of_that_platform()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImage));
        Job(Scene.GitLab().Branch("main", "main"), "linux/386");

        var feature = Job(Scene.GitLab().Branch("feature/x", "feature-x"), "linux/386");

        Assert.That(feature.Run.Output, Does.Contain($"{Scene.Image}/cache:feature-x-linux-386 missing, using main's"));
        Assert.That(feature.Report.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache:main-linux-386" }), feature.Report.ToString());
        Assert.That(feature.Report.StatusOf(SlowStep), Is.EqualTo("cached"), feature.Report.ToString());
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main-linux-386", "feature-x-linux-386" }));
    }

    [Test]
    public void With_one_shared_ref_the_last_platform_job_evicts_the_others_cache()
    {
        // What --cache-scope prevents: both jobs write main; the linux/386 job's cache replaces linux/amd64's.
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImage));
        var job = Scene.GitLab().Branch("main", "main");
        Job(job, "linux/amd64", "--cache-scope=none");
        Job(job, "linux/386", "--cache-scope=none");

        var amd64Again = Job(job, "linux/amd64", "--cache-scope=none");

        Assert.That(amd64Again.Report.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache:main" }), amd64Again.Report.ToString());
        Assert.That(amd64Again.Report.StatusOf(SlowStep), Is.EqualTo("done"), "the shared ref held only linux/386's steps: " + amd64Again.Report);
        TestContext.Out.WriteLine($"shared ref, linux/amd64 after linux/386: {amd64Again.Report.Cached} of {amd64Again.Report.BuildSteps} cached, {amd64Again.Run.Elapsed.TotalSeconds:0.0} s ({amd64Again.Time})");
    }

    /// <summary>One platform's Publish job on a fresh runner (a new builder: no local cache).</summary>
    private PlatformJob Job(Dictionary<string, string> job, string platform, params string[] arguments)
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0).Or.EqualTo(1), removed.Output);
        var run = Scene.Run(job, ["--target=Publish", "--platform=" + platform, .. arguments]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var report = ReportFile.Read(Scene.Workspace);
        var time = run.Lines.LastOrDefault(line => line.TrimStart().StartsWith("time:", StringComparison.Ordinal))?.Trim() ?? "no time line";
        TestContext.Out.WriteLine($"{platform} {string.Join(' ', arguments)}: {run.Elapsed.TotalSeconds:0.0} s, {time}; {report}");
        return new(run, report, time);
    }

    private sealed record PlatformJob(BuildRun Run, ReportFile Report, string Time);
}
