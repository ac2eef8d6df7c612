using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Docker;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// PruneCache through the real host: exact prune arguments, a missing builder left alone, optional removal, and the
/// space flags as the captured buildx 0.10.5 and 0.36.1 (with BuildKit 0.11.6 and 0.32.2) take them.
/// </summary>
public sealed class PruneCacheTests
{
    private const string Prune = "buildx prune --builder \"buildx-cache\" --all";

    private static BuildxHost Host(Workspace workspace, BuilderState builder = BuilderState.Running)
    {
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = builder;
        return host;
    }

    /// <summary>The fake docker as buildx 0.36.1 with a running BuildKit 0.32.2 builder (or <paramref name="buildkit"/>).</summary>
    private static BuildxHost Host0361(Workspace workspace, string buildkit = "v0.32.2")
    {
        var host = Host(workspace);
        host.Docker.On("^buildx version$", _ => DockerAnswer.Fixture("buildx-version.txt", Fixtures.Buildx0361));
        var inspect = DockerAnswer.Fixture("buildx-inspect-running.txt", Fixtures.Buildx0361);
        inspect = inspect with { Output = [.. inspect.Output.Select(line => line.Replace("v0.32.2", buildkit, StringComparison.Ordinal))] };
        host.Docker.On("^buildx inspect ", _ => inspect);
        host.Docker.On("^buildx prune ", _ => DockerAnswer.Fixture("buildx-prune.txt", Fixtures.Buildx0361));
        return host;
    }

    [Test]
    public void Prunes_the_builder_with_the_age_filter_and_the_reserved_space_as_buildx_0_10_takes_it()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);

        var run = host.Run("--target=PruneCache", "--prune-until=72h", "--prune-reserved-space=10GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, Commands.Version, Prune + " --filter \"until=72h\" --keep-storage \"10GB\" --force" }));
        Assert.That(run.Output, Does.Contain("prune: --prune-reserved-space goes as --keep-storage: buildx v0.10.5 predates --reserved-space (0.18), and both ask BuildKit for the same."));
        Assert.That(run.Output, Does.Contain("Pruned builder buildx-cache: Total:\t182.9MB"));
    }

    [Test]
    public void Prune_keep_storage_is_read_as_the_reserved_space_with_a_deprecation_warning()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);

        var run = host.Run("--target=PruneCache", "--prune-keep-storage=10GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands[^1], Is.EqualTo(Prune + " --keep-storage \"10GB\" --force"));
        Assert.That(run.Output, Does.Contain("--prune-keep-storage is deprecated: read as prune-reserved-space; write --prune-reserved-space instead."));
    }

    [Test]
    public void On_buildx_0_36_the_reserved_space_goes_as_reserved_space_and_the_max_and_min_as_their_own_flags()
    {
        using var workspace = Workspace.Plain();
        var host = Host0361(workspace);

        var run = host.Run("--target=PruneCache", "--prune-keep-storage=1GB", "--prune-max-used-space=20GB", "--prune-min-free-space=5GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Inspect,
            Commands.Version,
            Prune + " --max-used-space \"20GB\" --reserved-space \"1GB\" --min-free-space \"5GB\" --force",
        }));
        Assert.That(run.Output, Does.Contain("Pruned builder buildx-cache:"));
        Assert.That(run.Output, Does.Not.Contain("goes as --keep-storage"));
    }

    [TestCase("--prune-max-used-space=20GB", "--prune-max-used-space needs buildx 0.18 or later for --max-used-space (this is v0.10.5)")]
    [TestCase("--prune-min-free-space=5GB", "--prune-min-free-space needs buildx 0.18 or later for --min-free-space (this is v0.10.5)")]
    public void On_buildx_0_10_a_max_or_min_limit_leaves_the_cache_alone_with_a_warning(string limit, string why)
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);

        var run = host.Run("--target=PruneCache", "--prune-until=72h", limit);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        // Pruning without the limit would remove everything older than 72 h: more than asked.
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, Commands.Version }));
        Assert.That(run.Output, Does.Contain(why + ": the builder is not pruned, since a prune without the limit would remove more than asked"));
        Assert.That(run.Output, Does.Not.Contain("Pruned builder"));
    }

    [Test]
    public void A_running_builder_on_buildkit_0_16_refuses_the_max_limit_before_buildx_is_asked_to_prune()
    {
        using var workspace = Workspace.Plain();
        var host = Host0361(workspace, buildkit: "v0.16.0");

        var run = host.Run("--target=PruneCache", "--prune-max-used-space=20GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, Commands.Version }));
        Assert.That(run.Output, Does.Contain("--prune-max-used-space needs BuildKit 0.17 or later for --max-used-space (the builder runs 0.16)"));
    }

    [Test]
    public void A_stopped_builder_whose_buildkit_buildx_finds_too_old_is_a_warning_not_a_failure()
    {
        using var workspace = Workspace.Plain();
        var host = Host0361(workspace);
        host.Docker.On("^buildx inspect ", _ => DockerAnswer.Fixture("buildx-inspect-inactive.txt", Fixtures.Buildx0361));
        // What buildx 0.18+ prints when BuildKit lacks CapGCFreeSpaceFilter (commands/prune.go, commit 9f3a5781).
        host.Docker.On("^buildx prune ", _ => DockerAnswer.Fail(1, "ERROR: buildkit v0.17.0+ is required for max-used-space and min-free-space filters"));

        var run = host.Run("--target=PruneCache", "--prune-min-free-space=5GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands[^1], Is.EqualTo(Prune + " --min-free-space \"5GB\" --force"));
        Assert.That(run.Output, Does.Contain("--prune-min-free-space need BuildKit 0.17 or later, and buildx says the builder's is older (\"buildkit v0.17.0+ is required\"): the builder is not pruned"));
    }

    [Test]
    public void Plan_prints_the_prune_steps_with_the_flags_the_version_decides_and_a_run_on_buildx_0_36_runs_those()
    {
        using var workspace = Workspace.Plain();
        string[] limits = ["--prune-reserved-space=1GB", "--prune-max-used-space=20GB"];

        var plan = Host0361(workspace).Run(["--target=Plan", .. limits]);
        var run = Host0361(workspace).Run(["--target=PruneCache", .. limits]);

        Assert.That(plan.ExitCode, Is.Zero, plan.ToString);
        var lines = plan.Output.ReplaceLineEndings("\n").Split('\n');
        var prune = lines.SkipWhile(line => !line.Trim().StartsWith("PruneCache", StringComparison.Ordinal)).Skip(1).TakeWhile(line => line.StartsWith("    ", StringComparison.Ordinal)).Select(line => line.Trim()).ToList();
        Assert.That(prune, Is.EqualTo(new[]
        {
            "docker buildx inspect \"buildx-cache\"",
            "docker buildx version    # when the builder exists and EnsureBuilder did not ask before: the space flags depend on it",
            "docker buildx prune --builder \"buildx-cache\" --all --max-used-space \"20GB\" --reserved-space \"1GB\" --force    # when the builder exists; "
                + "--keep-storage before buildx 0.18; not pruned with buildx before 0.18 or BuildKit before 0.17 (--max-used-space, --min-free-space)",
        }));
        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands.Select(command => "docker " + command), Is.EqualTo(prune.Select(line => line.Split("    #")[0])));
    }

    [Test]
    public void Without_a_space_limit_buildx_is_not_asked_its_version()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);

        var run = host.Run("--target=PruneCache", "--builder=ci-builder", "--prune-until=24h");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            "buildx inspect \"ci-builder\"",
            "buildx prune --builder \"ci-builder\" --all --filter \"until=24h\" --force",
        }));
    }

    [Test]
    public void Publish_prunes_after_the_build_with_the_version_ensure_builder_asked()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, BuilderState.Missing);

        var run = host.Run("--target=Publish", "--prune-max-used-space=20GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands.Count(command => command == Commands.Version), Is.EqualTo(1), "asked once, by EnsureBuilder");
        Assert.That(run.Commands[^2], Does.StartWith("buildx inspect"), "on buildx 0.10.5 the max limit refuses the prune");
        Assert.That(run.Commands[^1], Is.EqualTo(Commands.GitLabLogout), "then CI logs out");
        Assert.That(run.Output, Does.Contain("--prune-max-used-space needs buildx 0.18 or later"));
    }

    [Test]
    public void Without_limits_prunes_everything_of_the_named_builder()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);

        var run = host.Run("--target=PruneCache", "--builder=ci-builder");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            "buildx inspect \"ci-builder\"",
            "buildx prune --builder \"ci-builder\" --all --force",
        }));
    }

    [Test]
    public void A_missing_builder_is_not_pruned()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, BuilderState.Missing);

        var run = host.Run("--target=PruneCache", "--prune-until=72h", "--prune-reserved-space=1GB", "--prune-remove-builder=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect }));
        Assert.That(run.Output, Does.Contain("Builder buildx-cache does not exist: nothing to prune."));
    }

    [Test]
    public void Prune_remove_builder_removes_a_docker_container_builder_without_pruning_it_first()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, BuilderState.Inactive);

        var run = host.Run("--target=PruneCache", "--prune-until=24h", "--prune-max-used-space=1GB", "--prune-remove-builder=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        // buildx rm deletes the container's state volume, and the cache in it: a prune first would be wasted
        // (and so is asking which flags it would take).
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, Commands.Remove }));
        Assert.That(run.Output, Does.Contain("Removed builder buildx-cache and its cache."));
    }

    [Test]
    public void A_remote_builder_is_pruned_before_it_is_removed_since_its_daemon_keeps_the_cache()
    {
        var steps = new BuilderPruneSteps(new BuilderPlan("shared", "remote", [], null, null, null), "24h", new PruneSpace(MaxUsedSpace: "1GB"), RemoveBuilder: true);

        Assert.That(steps.Prune, Is.Not.Null);
        Assert.That(
            steps.Steps.Select(step => step.Settings?.GetType().Name),
            Is.EqualTo(new[] { "BuildxInspectSettings", "BuildxVersionSettings", "BuildxPruneSettings", "BuildxRmSettings" }));
    }

    [Test]
    public void A_failing_prune_fails_the_run()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace);
        host.Docker.On("^buildx prune ", _ => DockerAnswer.Fail(1, "ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"));

        var run = host.Run("--target=PruneCache");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, Prune + " --force" }));
        Assert.That(run.Output, Does.Contain("Cannot connect to the Docker daemon"));
    }
}
