using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>PruneCache through the real host: exact prune arguments, a missing builder left alone, optional removal.</summary>
public sealed class PruneCacheTests
{
    [Test]
    public void Prunes_the_builder_with_the_age_filter_and_the_space_limit_without_prompting()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;

        var run = host.Run("--target=PruneCache", "--prune-until=72h", "--prune-keep-storage=10GB");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Inspect,
            "buildx prune --builder \"buildx-cache\" --all --filter \"until=72h\" --keep-storage \"10GB\" --force",
        }));
        Assert.That(run.Output, Does.Contain("Pruned builder buildx-cache: Total:\t182.9MB"));
    }

    [Test]
    public void Without_limits_prunes_everything_of_the_named_builder()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;

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
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=PruneCache", "--prune-until=72h", "--prune-remove-builder=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect }));
        Assert.That(run.Output, Does.Contain("Builder buildx-cache does not exist: nothing to prune."));
    }

    [Test]
    public void Prune_remove_builder_removes_a_docker_container_builder_without_pruning_it_first()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Inactive;

        var run = host.Run("--target=PruneCache", "--prune-until=24h", "--prune-remove-builder=true");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        // buildx rm deletes the container's state volume, and the cache in it: a prune first would be wasted.
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, Commands.Remove }));
        Assert.That(run.Output, Does.Contain("Removed builder buildx-cache and its cache."));
    }

    [Test]
    public void A_remote_builder_is_pruned_before_it_is_removed_since_its_daemon_keeps_the_cache()
    {
        var steps = new Cake.BuildxCache.Policy.BuilderPruneSteps(
            new Cake.BuildxCache.Policy.BuilderPlan("shared", "remote", [], null, null, null),
            "24h",
            null,
            RemoveBuilder: true);

        Assert.That(steps.Prune, Is.Not.Null);
        Assert.That(steps.Steps.Select(step => step.Settings?.GetType().Name), Is.EqualTo(new[] { "BuildxInspectSettings", "BuildxPruneSettings", "BuildxRmSettings" }));
    }

    [Test]
    public void A_failing_prune_fails_the_run()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;
        host.Docker.On("^buildx prune ", _ => DockerAnswer.Fail(1, "ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock. Is the docker daemon running?"));

        var run = host.Run("--target=PruneCache");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Inspect, "buildx prune --builder \"buildx-cache\" --all --force" }));
        Assert.That(run.Output, Does.Contain("Cannot connect to the Docker daemon"));
    }
}
