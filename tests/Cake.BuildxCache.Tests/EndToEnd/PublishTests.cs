using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=Publish</c> for the GitLab scenarios with the real buildx and BuildKit, through the real
/// docker CLI, against the real registry. The order of docker commands comes from the docker shim; what was
/// pushed, from the registry itself.
/// </summary>
public sealed class PublishTests() : RealStackFixture("publish")
{
    private string Image => Scene.Image;

    private string CacheRepository => Scene.CacheRepository;

    private Dictionary<string, string> Job() => Scene.GitLab();

    // The chain itself is under test here, so every ref is passed; the existence check has its own test.
    private BuildRun Publish(Dictionary<string, string> job, params string[] arguments) =>
        Scene.Run(job, ["--target=Publish", "--check-cache-refs=false", .. arguments]);

    /// <summary>The docker commands in order, by their first words: <c>login</c>, <c>buildx build</c>, …</summary>
    private List<string> Sequence() =>
        [.. Scene.Sandbox.DockerCalls().Select(call => call[0] == "buildx" ? "buildx " + call[1] : call[0])];

    private IReadOnlyList<string> BuildCall()
    {
        var builds = Scene.Calls("buildx", "build");
        Assert.That(builds, Has.Count.EqualTo(1), "one docker buildx build");
        return builds[0];
    }

    private static IReadOnlyList<string> Values(IReadOnlyList<string> call, string option) =>
        [.. call.Select((argument, index) => (argument, index)).Where(pair => pair.argument == option).Select(pair => call[pair.index + 1])];

    private string CacheRef(string slug) => $"type=registry,ref={Image}/cache:{slug}";

    private static void AssertSucceededWithoutLeaks(BuildRun run)
    {
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        AssertNoLeak(run);
    }

    private static void AssertNoLeak(BuildRun run)
    {
        Assert.That(run.Lines, Has.None.Contains(Registry.Password), "an output line shows the password");
        Assert.That(run.Scan!.Leaks, Is.Empty, "a process's argv held the password");
    }

    [Test]
    public void Default_branch_creates_the_builder_logs_in_builds_with_its_cache_pushes_and_prunes()
    {
        var run = Publish(Job().Branch("main", "main"), "--prune-until=72h");

        AssertSucceededWithoutLeaks(run);
        Assert.That(Sequence(), Is.EqualTo(new[]
        {
            "buildx version", "buildx create", "login", "buildx build", "buildx history", "buildx prune", "logout",
        }));
        var calls = Scene.Sandbox.DockerCalls();
        // buildx 0.13 renamed --config to --buildkitd-config; this buildx is newer.
        Assert.That(calls[1], Is.EqualTo(new[]
        {
            "buildx", "create", "--name", Scene.Builder, "--driver", "docker-container", "--driver-opt", "image=moby/buildkit:v0.32.2", "--driver-opt", "network=host", "--buildkitd-config", "buildkitd.toml", "--bootstrap",
        }));
        Assert.That(calls[2], Is.EqualTo(new[] { "login", "--username", Registry.User, "--password-stdin", Registry.Host }));
        // BuildKit's record of the build, for the report's counts (buildx 0.21 and later).
        Assert.That(calls[4].Take(7), Is.EqualTo(new[] { "buildx", "history", "inspect", "--builder", Scene.Builder, "--format", "json" }));
        Assert.That(calls[5], Is.EqualTo(new[] { "buildx", "prune", "--builder", Scene.Builder, "--all", "--filter", "until=72h", "--force" }));

        // The plugin docker would run (the sandbox's DOCKER_CONFIG/cli-plugins), started directly.
        Assert.That(run.Output, Does.Contain($"starting {Path.Combine(Scene.Sandbox.PluginDirectory, "docker-buildx")} directly."));

        var build = BuildCall();
        Assert.That(Values(build, "--cache-from"), Is.EqualTo(new[] { CacheRef("main") }));
        Assert.That(Values(build, "--cache-to"), Is.EqualTo(new[] { CacheRef("main") + ",mode=max,ignore-error=true,compression=zstd" }));
        Assert.That(Values(build, "--tag"), Is.EqualTo(new[] { Image + ":main", $"{Image}:{Scene.Workspace.ShortSha}", Image + ":latest" }));
        Assert.That(build, Has.Member("--push").And.No.Member("--load"));
        Assert.That(Values(build, "--builder"), Is.EqualTo(new[] { Scene.Builder }));

        Assert.That(Registry.Tags(Scene.Project), Is.EquivalentTo(new[] { "main", Scene.Workspace.ShortSha, "latest" }));
        Assert.That(Registry.Tags(CacheRepository), Is.EqualTo(new[] { "main" }));
        var digest = Registry.Digest(Scene.Project, "main");
        Assert.That(run.Output, Does.Contain($"Published {Image}@{digest}"), "the digest the build reported is the one the registry serves");
        // CI logs out at the end by default: config.json keeps no auth for the registry.
        Assert.That(Scene.Calls("logout").Single(), Is.EqualTo(new[] { "logout", Registry.Host }));
        Assert.That(Scene.Sandbox.StoredLogins(), Is.Empty, "no credentials left behind after a CI run");
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain("Status:").And.Contain("running"), "the builder runs in the engine");
    }

    [Test]
    public void A_second_run_reuses_the_builder_instead_of_creating_it()
    {
        var first = Publish(Job().Branch("main", "main"));
        var second = Publish(Job().Branch("main", "main"));

        AssertSucceededWithoutLeaks(first);
        AssertSucceededWithoutLeaks(second);
        // The second create is refused by the real buildx, which leaves the builder as it is; the inspect then finds it as planned.
        Assert.That(Sequence(), Is.EqualTo(new[]
        {
            "buildx version", "buildx create", "login", "buildx build", "buildx history", "logout",
            "buildx version", "buildx create", "buildx inspect", "login", "buildx build", "buildx history", "logout",
        }));
        Assert.That(second.Output, Does.Contain($"Reusing builder {Scene.Builder} (driver docker-container"));
        Assert.That(second.Output, Does.Contain($"importing cache manifest from {Image}/cache:main"));
    }

    [Test]
    public void Feature_branch_reads_its_cache_then_main_writes_its_own_and_pushes_its_tags()
    {
        AssertSucceededWithoutLeaks(Publish(Job().Branch("main", "main")));

        var run = Publish(Job().Branch("feature/Fast-Builds", "feature-fast-builds"));

        AssertSucceededWithoutLeaks(run);
        var build = Scene.Calls("buildx", "build")[^1];
        Assert.That(Values(build, "--cache-from"), Is.EqualTo(new[] { CacheRef("feature-fast-builds"), CacheRef("main") }));
        Assert.That(Values(build, "--cache-to"), Is.EqualTo(new[] { CacheRef("feature-fast-builds") + ",mode=max,ignore-error=true,compression=zstd" }));
        Assert.That(run.Output, Does.Contain($"importing cache manifest from {Image}/cache:main"), "a new branch starts warm from main");
        Assert.That(Registry.Tags(CacheRepository), Is.EquivalentTo(new[] { "main", "feature-fast-builds" }));
        Assert.That(Registry.Tags(Scene.Project), Is.SupersetOf(new[] { "feature-fast-builds", Scene.Workspace.ShortSha }));
    }

    [Test]
    public void With_the_existence_check_a_new_branch_passes_only_mains_cache_says_so_and_hands_off_the_result()
    {
        AssertSucceededWithoutLeaks(Publish(Job().Branch("main", "main")));

        var run = Publish(Job().Branch("feature/Checked", "feature-checked"), "--check-cache-refs=true", "--registry-flavor=ecr");

        AssertSucceededWithoutLeaks(run);
        Assert.That(run.Output, Does.Match(@"section_start:\d+:publish[\r\n]"), "GitLab log sections around the tasks; Publish's, with the build, is expanded");
        Assert.That(run.Output, Does.Not.Contain(":buildwithcache"), "Publish runs its own build: BuildWithCache does not run too");
        var build = Scene.Calls("buildx", "build")[^1];
        Assert.That(Values(build, "--cache-from"), Is.EqualTo(new[] { CacheRef("main") }), "the branch's ref does not exist yet");
        Assert.That(run.Output, Does.Contain($"{Image}/cache:feature-checked missing, using main's"));
        Assert.That(Values(build, "--cache-to"), Is.EqualTo(new[] { CacheRef("feature-checked") + ",mode=max,ignore-error=true,image-manifest=true,oci-mediatypes=true,compression=zstd" }), "the ECR preset");

        // The hand-off to the pipeline: the report of what the cache did, and GitLab's dotenv.
        var report = File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildx-report.json"));
        // The branch's first build imported main's cache: the slow stage came from it.
        Assert.That(report, Does.Contain("\"schemaVersion\": 1").And.Contain("\"imported\""));
        var env = File.ReadAllLines(Path.Combine(Scene.Workspace.Path, "artifacts", "build.env"));
        Assert.That(env, Has.Member("IMAGE=" + Image));
        Assert.That(env, Has.Member("IMAGE_DIGEST=" + Registry.Digest(Scene.Project, "feature-checked")));
        Assert.That(env, Has.Member("CACHE_REF=" + Image + "/cache:feature-checked"));
    }

    [Test]
    public void Merge_request_reads_branch_target_and_default_caches_and_writes_the_branch_cache()
    {
        var run = Publish(Job().MergeRequest("topic", "topic", target: "release-2"));

        AssertSucceededWithoutLeaks(run);
        Assert.That(Sequence().IndexOf("login"), Is.LessThan(Sequence().IndexOf("buildx build")));
        var build = BuildCall();
        Assert.That(Values(build, "--cache-from"), Is.EqualTo(new[] { CacheRef("topic"), CacheRef("release-2"), CacheRef("main") }));
        Assert.That(Values(build, "--cache-to"), Is.EqualTo(new[] { CacheRef("topic") + ",mode=max,ignore-error=true,compression=zstd" }));
        Assert.That(build, Has.Member("--push"));
        Assert.That(Registry.Tags(CacheRepository), Is.EqualTo(new[] { "topic" }));
    }

    [Test]
    public void Fork_merge_request_reads_the_cache_but_writes_no_cache_and_pushes_nothing()
    {
        var run = Publish(Job().MergeRequest("patch-1", "patch-1", target: "main", fork: true), "--push=false");

        AssertSucceededWithoutLeaks(run);
        var build = BuildCall();
        Assert.That(Values(build, "--cache-from"), Is.EqualTo(new[] { CacheRef("patch-1"), CacheRef("main") }));
        Assert.That(build, Has.No.Member("--cache-to").And.No.Member("--push"));
        Assert.That(run.Output, Does.Contain("cache to:   none (read-only"));
        Assert.That(Registry.Tags(Scene.Project), Is.Empty);
        Assert.That(Registry.Tags(CacheRepository), Is.Empty);
    }

    [Test]
    public void Tag_pipeline_pushes_the_git_tag_and_the_sha()
    {
        Scene.Workspace.Repository.Git("tag", "v1.4.0");

        var run = Publish(Job().Tag("v1.4.0", "v1-4-0"));

        AssertSucceededWithoutLeaks(run);
        var build = BuildCall();
        Assert.That(Values(build, "--tag"), Is.EquivalentTo(new[] { Image + ":v1.4.0", $"{Image}:{Scene.Workspace.ShortSha}" }));
        Assert.That(Values(build, "--cache-from"), Is.EqualTo(new[] { CacheRef("v1-4-0"), CacheRef("main") }));
        Assert.That(Registry.Tags(Scene.Project), Is.EquivalentTo(new[] { "v1.4.0", Scene.Workspace.ShortSha }));
    }

    [Test]
    public void Logout_after_publish_leaves_no_credentials_behind()
    {
        var run = Publish(Job().Branch("main", "main"), "--logout=true");

        AssertSucceededWithoutLeaks(run);
        Assert.That(Sequence().Last(), Is.EqualTo("logout"));
        Assert.That(Scene.Sandbox.StoredLogins(), Is.Empty);
    }

    [Test]
    public void A_failing_build_exits_non_zero_says_why_and_pushes_nothing()
    {
        Scene.Workspace.Write("Dockerfile", $"FROM {EndToEndSetUp.BaseImage}\nRUN echo compiling && exit 3\n");

        var run = Publish(Job().Branch("main", "main"), "--logout=true");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("docker buildx build").And.Contain("failed (exit code 1)"));
        Assert.That(run.Output, Does.Contain("did not complete successfully: exit code: 3"));
        Assert.That(run.Output, Does.Not.Contain("Published "));
        Assert.That(Registry.Tags(Scene.Project), Is.Empty, "nothing was pushed");
        Assert.That(Registry.Tags(CacheRepository), Is.Empty);
        Assert.That(Sequence().Last(), Is.EqualTo("logout"), "the teardown logs out after a failure too");
        AssertNoLeak(run);
    }
}
