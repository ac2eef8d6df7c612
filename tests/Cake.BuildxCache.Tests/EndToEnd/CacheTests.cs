using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The point of the package, with the real buildx and BuildKit: the registry cache written by one pipeline is
/// what the next one builds from. A fresh runner is simulated by removing the builder (its local cache goes
/// with it), so every step reported <c>cached</c> came from the registry. Outcomes are read from the report
/// our run wrote, from buildx's own output and from the registry's tag lists.
/// </summary>
public sealed class CacheTests() : RealStackFixture("cache")
{
    private const string SlowStep = "RUN sleep";

    private BuildRun Publish(Dictionary<string, string> job, params string[] arguments) =>
        Scene.Run(job, ["--target=Publish", .. arguments]);

    /// <summary>An ephemeral runner's next job: no builder, so no local cache.</summary>
    private void FreshRunner()
    {
        var removed = Scene.Docker("buildx", "rm", "--force", Scene.Builder);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
    }

    private static void Succeeded(BuildRun run) => Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

    /// <summary>The report the run printed after the build (for the examples in docs/reports.md).</summary>
    private static string ReportText(BuildRun run) =>
        string.Join('\n', run.Lines.SkipWhile(line => !line.Contains(" build steps cached (", StringComparison.Ordinal)).TakeWhile(line => line.Length > 0 && !line.Contains("section_end", StringComparison.Ordinal)));

    [Test]
    public void Cold_then_PruneCache_then_warm_every_step_comes_from_the_registry_cache()
    {
        var job = Scene.GitLab().Branch("main", "main");

        var cold = Publish(job);
        Succeeded(cold);
        var coldReport = ReportFile.Read(Scene.Workspace);
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EqualTo(new[] { "main" }));
        Assert.That(coldReport.StatusOf(SlowStep), Is.EqualTo("done"), coldReport.ToString());
        Assert.That(coldReport.Exported, Is.True, coldReport.ToString());

        var prune = Scene.Run(job, "--target=PruneCache");
        Succeeded(prune);
        Assert.That(prune.Output, Does.Contain("Pruned builder"));

        var warm = Publish(job);
        Succeeded(warm);
        var warmReport = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"cold {cold.Elapsed.TotalSeconds:0.0} s ({coldReport}); warm {warm.Elapsed.TotalSeconds:0.0} s ({warmReport})");
        TestContext.Out.WriteLine("cold report:\n" + ReportText(cold) + "\nwarm report:\n" + ReportText(warm));
        Assert.That(warmReport.Ran, Is.Zero, "every step came from the cache: " + warmReport);
        Assert.That(warmReport.Cached, Is.EqualTo(warmReport.BuildSteps).And.GreaterThanOrEqualTo(3), warmReport.ToString());
        Assert.That(warmReport.Imported, Has.Member($"{Scene.Image}/cache:main"));
        Assert.That(warm.Output, Does.Match(@"RUN sleep [^\n]*\n#\d+ CACHED"), "buildx itself says the slow step was cached");
        Assert.That(warm.Elapsed.TotalSeconds, Is.LessThan(cold.Elapsed.TotalSeconds - (Workspace.SlowStepSeconds / 2.0)),
            $"warm {warm.Elapsed.TotalSeconds:0.0} s against cold {cold.Elapsed.TotalSeconds:0.0} s");
    }

    [Test]
    public void A_new_branch_on_a_fresh_runner_starts_warm_from_the_default_branch()
    {
        Succeeded(Publish(Scene.GitLab().Branch("main", "main")));
        FreshRunner();

        var run = Publish(Scene.GitLab().Branch("feature/New-Thing", "feature-new-thing"));

        Succeeded(run);
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That(run.Output, Does.Contain($"{Scene.Image}/cache:feature-new-thing missing, using main's"));
        Assert.That(report.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache:main" }), report.ToString());
        Assert.That(report.StatusOf(SlowStep), Is.EqualTo("cached"), report.ToString());
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main", "feature-new-thing" }), "the branch wrote its own cache");
    }

    [Test]
    public void A_merge_request_on_a_fresh_runner_starts_warm_from_its_target_branch()
    {
        // Only the target branch has a cache: the default branch has none, so a hit can only come from the target.
        Succeeded(Publish(Scene.GitLab().Branch("release-2", "release-2")));
        FreshRunner();

        var run = Publish(Scene.GitLab().MergeRequest("topic", "topic", target: "release-2"));

        Succeeded(run);
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That(report.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache:release-2" }), report.ToString());
        Assert.That(report.StatusOf(SlowStep), Is.EqualTo("cached"), report.ToString());
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "release-2", "topic" }));
    }

    [Test]
    public void A_fork_merge_request_reads_the_cache_and_writes_nothing_to_the_registry()
    {
        Succeeded(Publish(Scene.GitLab().Branch("main", "main")));
        FreshRunner();
        var imageTags = Registry.Tags(Scene.Project);
        var cacheTags = Registry.Tags(Scene.CacheRepository);
        var cacheDigest = Registry.Digest(Scene.CacheRepository, "main");

        var run = Publish(Scene.GitLab().MergeRequest("patch-1", "patch-1", target: "main", fork: true));

        Succeeded(run);
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That(report.StatusOf(SlowStep), Is.EqualTo("cached"), "the fork read upstream's cache: " + report);
        Assert.That(report.Exported, Is.False, report.ToString());
        Assert.That(Scene.Calls("buildx", "build")[^1], Has.No.Member("--cache-to").And.No.Member("--push"));
        Assert.That(Registry.Tags(Scene.Project), Is.EqualTo(imageTags), "no image tag was added or moved");
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EqualTo(cacheTags), "no cache tag was added");
        Assert.That(Registry.Digest(Scene.CacheRepository, "main"), Is.EqualTo(cacheDigest), "main's cache is untouched");
    }

    [Test]
    public void A_tag_pipeline_builds_warm_from_the_default_branch_and_pushes_the_git_tag()
    {
        Succeeded(Publish(Scene.GitLab().Branch("main", "main")));
        FreshRunner();
        Scene.Workspace.Repository.Git("tag", "v1.4.0");

        var run = Publish(Scene.GitLab().Tag("v1.4.0", "v1-4-0"));

        Succeeded(run);
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That(report.StatusOf(SlowStep), Is.EqualTo("cached"), report.ToString());
        Assert.That(Registry.Tags(Scene.Project), Is.SupersetOf(new[] { "v1.4.0", Scene.Workspace.ShortSha }));
        Assert.That(Registry.Digest(Scene.Project, "v1.4.0"), Is.Not.Null);
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main", "v1-4-0" }));
    }

    [Test]
    public void On_a_new_commit_a_max_cache_holds_the_first_stage_and_a_min_cache_does_not()
    {
        var first = Scene.GitLab().Branch("main", "main");
        Succeeded(Publish(first, "--cache-mode=min", $"--cache-repo={Scene.Image}/cache-min"));
        FreshRunner();
        Succeeded(Publish(first, "--cache-mode=max", $"--cache-repo={Scene.Image}/cache-max"));
        FreshRunner();

        // The next commit changes GIT_COMMIT, so the final stage rebuilds and needs the slow stage's output.
        Scene.Workspace.Write("README.md", "next commit\n");
        Scene.Workspace.Repository.Git("add", "README.md");
        var next = Scene.Workspace.Repository.Commit("next");
        var second = Scene.GitLab().Branch("main", "main").With(("CI_COMMIT_SHA", next), ("CI_COMMIT_SHORT_SHA", next[..8]));

        Succeeded(Publish(second, "--cache-mode=min", $"--cache-repo={Scene.Image}/cache-min", "--cache-readonly=true"));
        var fromMin = ReportFile.Read(Scene.Workspace);
        FreshRunner();
        var maxRun = Publish(second, "--cache-mode=max", $"--cache-repo={Scene.Image}/cache-max", "--cache-readonly=true");
        Succeeded(maxRun);
        var fromMax = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine("next commit from the max cache:\n" + ReportText(maxRun));

        Assert.That(fromMin.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache-min:main" }), fromMin.ToString());
        Assert.That(fromMin.StatusOf(SlowStep), Is.EqualTo("done"), "mode=min exported only the final image's layers: " + fromMin);
        Assert.That(fromMax.Imported, Is.EqualTo(new[] { $"{Scene.Image}/cache-max:main" }), fromMax.ToString());
        Assert.That(fromMax.StatusOf(SlowStep), Is.EqualTo("cached"), "mode=max exported every stage: " + fromMax);
        Assert.That(fromMax.StatusOf("RUN echo \"commit"), Is.EqualTo("done"), "the commit's own step ran: " + fromMax);
    }
}
