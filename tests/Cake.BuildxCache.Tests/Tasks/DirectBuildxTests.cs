using Cake.BuildxCache.Tests.Docker;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// buildx commands start the plugin docker would run directly (<c>--buildx-plugin</c>): the version always, the
/// rest from buildx 0.23 on; <c>docker</c> keeps every command on <c>docker buildx</c>. The workspace's docker
/// config holds a plugin, so the run finds that one before any on the machine.
/// </summary>
public sealed class DirectBuildxTests
{
    private static BuildxHost Host0361(Workspace workspace)
    {
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^buildx version$", _ => DockerAnswer.Fixture("buildx-version.txt", Fixtures.Buildx0361));
        return host;
    }

    private static IReadOnlyList<string> Started(BuildxRunResult run, string tool) =>
        [.. run.Calls.Where(call => call.ToolPath.FullPath == tool).Select(call => call.Arguments)];

    [Test]
    public void With_buildx_0_36_every_buildx_command_starts_the_plugin_and_login_stays_on_docker()
    {
        using var workspace = Workspace.Plain();
        var host = Host0361(workspace);

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var direct = Started(run, workspace.BuildxPluginPath);
        Assert.That(direct, Has.Some.StartsWith("buildx version").And.Some.StartsWith("buildx create").And.Some.StartsWith("buildx build"));
        Assert.That(Started(run, workspace.DockerPath), Has.All.Not.StartsWith("buildx").And.Some.StartsWith("login"), "docker runs only what is not buildx");
        Assert.That(run.Output, Does.Contain($"buildx v0.36.1: starting {workspace.BuildxPluginPath} directly."));
    }

    [Test]
    public void With_buildx_0_10_only_the_version_starts_the_plugin_the_rest_goes_through_docker()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(Started(run, workspace.BuildxPluginPath), Is.EqualTo(new[] { "buildx version" }));
        Assert.That(Started(run, workspace.DockerPath), Has.Some.StartsWith("buildx create").And.Some.StartsWith("buildx build"));
        Assert.That(run.Output, Does.Contain("through docker").And.Contain("is older than 0.23"));
    }

    [Test]
    public void Buildx_plugin_docker_runs_every_command_through_docker()
    {
        using var workspace = Workspace.Plain();
        var host = Host0361(workspace);

        var run = host.Run("--target=BuildWithCache", "--buildx-plugin=docker");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(Started(run, workspace.BuildxPluginPath), Is.Empty);
        Assert.That(Started(run, workspace.DockerPath), Has.Some.StartsWith("buildx version").And.Some.StartsWith("buildx build"));
    }

    [Test]
    public void A_buildx_plugin_path_that_does_not_exist_is_refused_before_any_docker_process()
    {
        using var workspace = Workspace.Plain();
        var host = Host0361(workspace);

        var run = host.Run("--target=BuildWithCache", "--buildx-plugin=/nowhere/docker-buildx");

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Calls, Is.Empty);
        Assert.That(run.Output, Does.Contain("buildx-plugin").And.Contain("/nowhere/docker-buildx").And.Contain("give auto, docker or the path of a docker-buildx binary"));
    }
}
