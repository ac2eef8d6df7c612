using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>The build's pass-through features through the real host: the argv docker gets, Plan, and the checks before anything runs.</summary>
public sealed class BuildFeatureTaskTests
{
    private const string SecretValue = "npm_Sup3rS3cretValue";

    private static string BuildCommand(BuildxRunResult run) =>
        run.Commands.Single(command => command.StartsWith("buildx build", StringComparison.Ordinal));

    [Test]
    public void Secrets_ssh_and_build_contexts_reach_the_build_by_id_and_source_and_the_value_nowhere()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.With(Jobs.GitLabDefaultBranch(), ("NPM_TOKEN", SecretValue), ("SSH_AUTH_SOCK", "/tmp/agent.sock")));

        var run = host.Run("--target=BuildWithCache", "--secret=id=npm,env=NPM_TOKEN", "--ssh=default", "--build-context=shared=app", "--build-context=base=docker-image://alpine:3.20");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(BuildCommand(run), Does.Contain("--build-context \"base=docker-image://alpine:3.20\" --build-context \"shared=app\" --secret \"id=npm,env=NPM_TOKEN\" --ssh \"default\" --cache-from"));
        Assert.That(run.ToString(), Does.Not.Contain(SecretValue));
    }

    [Test]
    public void Plan_prints_the_features_and_the_build_line_with_them()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.With(Jobs.GitLabDefaultBranch(), ("NPM_TOKEN", SecretValue)));

        var run = host.Run("--target=Plan", "--secret=id=npm,env=NPM_TOKEN");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("  secrets:        id=npm,env=NPM_TOKEN"));
        Assert.That(run.Output, Does.Contain("--secret \"id=npm,env=NPM_TOKEN\""));
        Assert.That(run.Output, Does.Not.Contain(SecretValue));
        Assert.That(run.Calls.Where(call => call.Arguments.StartsWith("buildx", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void A_secret_whose_variable_is_unset_or_whose_file_is_missing_stops_the_run_before_any_docker_command()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=BuildWithCache", "--secret=id=npm,env=NPM_TOKEN", "--secret=id=cfg,src=ci/missing.json");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("--secret").And.Contain("NPM_TOKEN, which is not set"));
        Assert.That(run.Output, Does.Contain("ci/missing.json, which does not exist"));
        Assert.That(run.Commands.Where(command => command.StartsWith("buildx build", StringComparison.Ordinal)), Is.Empty, run.ToString);
    }

    [Test]
    public void Attestation_cache_and_RUN_step_flags_reach_docker_in_the_runners_order_and_annotations_wait_for_buildx_0_12()
    {
        using var workspace = Workspace.Plain();
        workspace.Write(Workspace.Dockerfile, "FROM scratch AS deps\nCOPY . /src\nFROM scratch\nCOPY --from=deps /src /src\n");
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=BuildWithCache", "--annotation=a.b=c", "--provenance=mode=max", "--sbom=false", "--pull", "--no-cache-filter=deps", "--network=none", "--add-host=db:10.0.0.5", "--ulimit=nofile=1024:2048", "--shm-size=256m");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var build = BuildCommand(run);
        // The fake docker is buildx 0.10.5, which has no --annotation (0.12+): left out, with a warning.
        Assert.That(build, Does.Not.Contain("--annotation"));
        Assert.That(run.Output, Does.Contain("--annotation needs buildx 0.12 or later (this is v0.10.5): the image is built without the annotations a.b"));
        Assert.That(build, Does.Contain("--provenance \"mode=max\" --sbom \"false\" --network \"none\" --add-host \"db:10.0.0.5\" --ulimit \"nofile=1024:2048\" --shm-size \"256m\" --pull --no-cache-filter \"deps\" --progress"));
    }
}
