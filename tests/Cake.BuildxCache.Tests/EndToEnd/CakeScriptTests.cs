using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// A <c>build.cake</c> user adopts the module: both packages packed into a folder feed, a repository with the official
/// runner (<c>cake.tool</c> 7.0.0) as a local tool, a nuget.config naming the feed, and scripts whose only loading line
/// is a plain <c>#addin</c>. With the real buildx and BuildKit, from a GitLab job, the script's own <c>Release</c>
/// publishes: once through the aliases only, once through the registered tasks; cold, then on a fresh runner warm with
/// every step from the registry cache. On a laptop clone with no CI variables, <c>Plan</c> reads the refs from git.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class CakeScriptTests
{
    private const string SlowStep = "RUN sleep";

    private PackedPackages _packages = null!;
    private ScriptRepository _repository = null!;

    [OneTimeSetUp]
    public void OneTimeSetUp()
    {
        _packages = PackedPackages.Shared;
        _repository = ScriptRepository.Create(_packages);
    }

    [OneTimeTearDown]
    public void OneTimeTearDown() => _repository?.Dispose();

    [Test]
    [Category("RealStack")]
    public void The_aliases_only_script_releases_cold_then_warm_from_the_registry_cache()
    {
        using var scene = RealScene.In(_repository.Workspace, "script-aliases");

        var (cold, warm) = ReleaseColdThenWarm(scene, CakeScripts.AliasesScript);

        var digest = RealScene.Registry.Digest(scene.Project, "main");
        Assert.That(warm.Lines, Has.Some.StartsWith("Released " + digest + ": "), "the script printed the outcome's digest, the one the registry serves");
        Assert.That(warm.Lines, Has.Some.Match(@"^Released sha256:[0-9a-f]{64}: (\d+) of \1 steps cached$"), "the outcome's report: every step cached");
        Assert.That(cold.Lines, Has.Some.Match(@"^Released sha256:[0-9a-f]{64}: 0 of \d+ steps cached$"), "cold: nothing cached");
    }

    [Test]
    [Category("RealStack")]
    public void The_registered_tasks_release_cold_then_warm_from_the_registry_cache()
    {
        using var scene = RealScene.In(_repository.Workspace, "script-tasks");

        var (cold, warm) = ReleaseColdThenWarm(scene, CakeScripts.TasksScript);

        foreach (var run in new[] { cold, warm })
        {
            Assert.That(run.Output, Does.Contain("section_start:").And.Contain(":publish"), "the registered tasks log in GitLab sections");
            Assert.That(run.Lines, Has.Some.Match(@"^\s*Release\s+\S+\s+Succeeded"), "the script's own Release ran after Publish");
        }
    }

    [Test]
    public void Plan_on_a_laptop_clone_with_no_CI_variables_reads_the_refs_from_git_and_prints_the_plan()
    {
        using var laptop = new TemporaryDirectory();
        var clone = Path.Combine(laptop.Path, "shop");
        _repository.Workspace.Repository.Git("clone", "-q", _repository.Path, clone);
        // The laptop: the sandbox's variables only (no CI ones) and a docker shim that records any docker command.
        using var sandbox = new DockerSandbox(BuildxKind.None);

        var run = OfficialRunner.Run(clone, _repository.CliHome, sandbox.Environment(), ["--target=Plan"]);

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var plan = new PlanOutput(run.Lines);
        var shortSha = _repository.Workspace.ShortSha;
        Assert.That(plan.Single("image"), Is.EqualTo("localhost:5000/shop"), "a local image named after the clone");
        Assert.That(
            plan.Field("tags"),
            Is.EqualTo(new[] { "localhost:5000/shop:main", "localhost:5000/shop:" + shortSha, "localhost:5000/shop:latest" }),
            "branch and commit read from git, and main is the default branch by the clone's origin/HEAD");
        Assert.That(plan.Single("output"), Is.EqualTo("load (local run)"), "a laptop's BuildWithCache loads");
        Assert.That(plan.Command("BuildWithCache", "docker buildx build"), Does.Contain("--file \"image/Dockerfile\"").And.Contain("--load"), "cake.config read");
        Assert.That(plan.Command("Publish", "docker buildx build"), Does.Contain("--push"), "Publish, which the script's Release depends on, pushes on a laptop too");
        Assert.That(sandbox.DockerCalls(), Is.Empty, "Plan runs no docker");
        Assert.That(
            Directory.GetDirectories(Path.Combine(clone, "tools", "Addins")).Select(Path.GetFileName),
            Is.EqualTo(new[] { "Cake.BuildxCache." + _packages.Version }),
            "the plain #addin installed the one package and nothing beside it");
    }

    private static void Succeeded(BuildRun run) => Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

    private static IReadOnlyList<string> Values(IReadOnlyList<string> call, string option) =>
        [.. call.Select((argument, index) => (argument, index)).Where(pair => pair.argument == option).Select(pair => call[pair.index + 1])];

    /// <summary>
    /// <c>dotnet cake SCRIPT --target=Release</c> from a GitLab job on main: cold, then (the builder removed, as on
    /// an ephemeral runner) warm. Asserts what both scripts must do and returns the two runs.
    /// </summary>
    private (BuildRun Cold, BuildRun Warm) ReleaseColdThenWarm(RealScene scene, string script)
    {
        _repository.UseBaseImage(EndToEndSetUp.BaseImage);
        var registry = RealScene.Registry;
        var job = scene.GitLab().Branch("main", "main").Over(scene.Sandbox);
        BuildRun Release() => _repository.Run(job, [script, "--target=Release", .. scene.BuilderArguments], secret: registry.Password);

        var cold = Release();
        Succeeded(cold);
        var coldReport = ReportFile.Read(_repository.Workspace);
        Assert.That(coldReport.StatusOf(SlowStep), Is.EqualTo("done"), coldReport.ToString());
        Assert.That(coldReport.Exported, Is.True, coldReport.ToString());
        var build = scene.Calls("buildx", "build").Single();
        Assert.That(build, Has.Member("--push").And.No.Member("--load"));
        Assert.That(Values(build, "--file"), Is.EqualTo(new[] { "image/Dockerfile" }), "the official runner read cake.config");
        Assert.That(registry.Tags(scene.Project), Is.EquivalentTo(new[] { "main", _repository.Workspace.ShortSha, "latest" }), "pushed");
        Assert.That(registry.Tags(scene.CacheRepository), Is.EqualTo(new[] { "main" }));

        Assert.That(scene.Docker("buildx", "rm", "--force", scene.Builder).ExitCode, Is.EqualTo(0), "a fresh runner: no builder, no local cache");
        var warm = Release();
        Succeeded(warm);
        var warmReport = ReportFile.Read(_repository.Workspace);
        TestContext.Out.WriteLine($"{script}: cold {cold.Elapsed.TotalSeconds:0.0} s ({coldReport}); warm {warm.Elapsed.TotalSeconds:0.0} s ({warmReport})");
        Assert.That(warmReport.Ran, Is.Zero, "every step came from the cache: " + warmReport);
        Assert.That(warmReport.Cached, Is.EqualTo(warmReport.BuildSteps).And.GreaterThanOrEqualTo(3), warmReport.ToString());
        Assert.That(warmReport.Imported, Has.Member($"{scene.Image}/cache:main"), "from the registry cache");

        var digest = registry.Digest(scene.Project, "main");
        // Publish says "Published"; the aliases script builds with Push = true, which says what it pushed.
        Assert.That(warm.Output, Does.Contain($"Published {scene.Image}@{digest}").Or.Contain($"Built {scene.Image}@{digest}: pushed {scene.Image}:main"));
        foreach (var run in new[] { cold, warm })
        {
            Assert.That(run.Lines, Has.None.Contains(registry.Password), "an output line shows the password");
            Assert.That(run.Scan!.Leaks, Is.Empty, "a process's argv held the password");
        }

        return (cold, warm);
    }
}
