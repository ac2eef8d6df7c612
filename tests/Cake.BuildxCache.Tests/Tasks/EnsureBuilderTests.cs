using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>EnsureBuilder through the real host: reuse, start, recreate or create the builder, with the exact docker commands.</summary>
public sealed class EnsureBuilderTests
{
    private const string NewerBuildx = "github.com/docker/buildx v0.17.1 257815a6fb95e3a4d6d1e4aa5bd2d6d1e9e4c1b0";

    [Test]
    public void A_missing_builder_is_created_with_driver_options_and_the_config_flag_buildx_0_10_knows()
    {
        using var workspace = Workspace.Plain();
        workspace.Write("buildkitd.toml", "[worker.oci]\n  max-parallelism = 2\n");
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=EnsureBuilder", "--driver-opt=network=host", "--driver-opt=image=moby/buildkit:v0.11.6", "--buildkitd-config=buildkitd.toml");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.11.6\" --driver-opt \"network=host\" --config \"buildkitd.toml\" --bootstrap",
        }));
        Assert.That(run.Output, Does.Contain("Creating builder buildx-cache (driver docker-container) with github.com/docker/buildx v0.10.5 "));
        Assert.That(run.Output, Does.Not.Contain("comparing it with the plan"));
    }

    [Test]
    public void Buildx_0_13_and_later_get_buildkitd_config()
    {
        using var workspace = Workspace.Plain();
        workspace.Write("buildkitd.toml", "[worker.oci]\n  max-parallelism = 2\n");
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^buildx version$", _ => DockerAnswer.Ok(NewerBuildx));

        var run = host.Run("--target=EnsureBuilder", "--buildkitd-config=buildkitd.toml");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --buildkitd-config \"buildkitd.toml\" --bootstrap",
        }));
    }

    [Test]
    public void A_running_builder_with_the_planned_driver_and_options_is_reused()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;

        // The captured builder has driver-opts image="local/buildkit:v0.11.6" network="host".
        var run = host.Run("--target=EnsureBuilder", "--driver-opt=network=host", "--buildkit-image=local/buildkit:v0.11.6");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        // buildx refuses the create (the builder exists) and leaves it as it is; the inspect shows it as planned.
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version, "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=local/buildkit:v0.11.6\" --driver-opt \"network=host\" --bootstrap", Commands.Inspect }));
        Assert.That(run.Output, Does.Contain("Builder buildx-cache exists: comparing it with the plan."));
        Assert.That(run.Output, Does.Contain("Reusing builder buildx-cache (driver docker-container, running)."));
        Assert.That(run.Output, Does.Not.Contain("Recreating"));
    }

    [Test]
    public void A_stopped_builder_is_bootstrapped_not_recreated()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Inactive;

        var run = host.Run("--target=EnsureBuilder", "--buildkit-image=local/buildkit:v0.11.6");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=local/buildkit:v0.11.6\" --bootstrap",
            Commands.Inspect,
            Commands.InspectBootstrap,
        }));
        Assert.That(run.Output, Does.Contain("Reusing builder buildx-cache (driver docker-container, starting it)."));
    }

    [Test]
    public void A_builder_with_another_driver_is_removed_then_created()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;
        host.Docker.EditInspect = line => line.Replace("docker-container", "docker", StringComparison.Ordinal);

        var run = host.Run("--target=EnsureBuilder");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version, Commands.Create, Commands.Inspect, Commands.Remove, Commands.Create }));
        Assert.That(run.Output, Does.Contain("Recreating builder buildx-cache: it uses driver docker, the plan needs docker-container."));
    }

    [Test]
    public void A_builder_without_a_planned_driver_option_is_removed_then_created()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;

        var run = host.Run("--target=EnsureBuilder", "--driver-opt=image=moby/buildkit:v0.12.5");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.12.5\" --bootstrap",
            Commands.Inspect,
            Commands.Remove,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.12.5\" --bootstrap",
        }));
        Assert.That(run.Output, Does.Contain("driver option image=moby/buildkit:v0.12.5 is not set on it"));
    }

    [Test]
    public void A_tls_endpoint_gets_a_docker_context_first_and_the_builder_is_created_on_it()
    {
        using var workspace = Workspace.Plain();
        var job = Jobs.With(Jobs.GitLabFeatureBranch(), ("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_CERTDIR", "/certs"));
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=EnsureBuilder");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "context inspect \"buildx-cache-context\"",
            "context create \"buildx-cache-context\" --description \"Created by Cake.BuildxCache for its buildx builder\" --docker \"host=tcp://docker:2376,ca=/certs/client/ca.pem,cert=/certs/client/cert.pem,key=/certs/client/key.pem\"",
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --bootstrap \"buildx-cache-context\"",
        }));
    }

    [Test]
    public void An_existing_docker_context_is_not_created_again()
    {
        using var workspace = Workspace.Plain();
        var job = Jobs.With(Jobs.GitLabFeatureBranch(), ("DOCKER_HOST", "tcp://docker:2376"), ("DOCKER_TLS_CERTDIR", "/certs"));
        var host = new BuildxHost(workspace, job);
        host.Docker.On("^context inspect ", _ => DockerAnswer.Ok(
            "[",
            "    {",
            "        \"Name\": \"buildx-cache-context\",",
            "        \"Metadata\": {},",
            "        \"Endpoints\": { \"docker\": { \"Host\": \"tcp://docker:2376\", \"SkipTLSVerify\": false } }",
            "    }",
            "]"));

        var run = host.Run("--target=EnsureBuilder");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "context inspect \"buildx-cache-context\"",
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --bootstrap \"buildx-cache-context\"",
        }));
    }

    [Test]
    public void A_create_that_fails_for_another_reason_fails_the_run_without_an_inspect_or_a_removal()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^buildx create ", _ => DockerAnswer.Fail(1, "ERROR: failed to initialize builder buildx-cache (buildx-cache0): Cannot connect to the Docker daemon at unix:///var/run/docker.sock"));

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version, Commands.Create }));
        Assert.That(run.Output, Does.Contain("Cannot connect to the Docker daemon"));
    }

    [Test]
    public void A_builder_removed_between_the_refused_create_and_the_inspect_is_created()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;
        // Another job removes the builder after buildx refused the create: the inspect finds none.
        host.Docker.On("^buildx inspect ", _ => DockerAnswer.Fixture("buildx-inspect-missing.txt") with { SideEffect = _ => host.Docker.Builder = BuilderState.Missing });

        var run = host.Run("--target=EnsureBuilder");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version, Commands.Create, Commands.Inspect, Commands.Create }));
        Assert.That(run.Output, Does.Contain("Builder buildx-cache is gone since buildx said it exists: creating it."));
    }

    [Test]
    public void Without_buildx_the_run_fails_naming_buildx_and_runs_nothing_else()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.On("^buildx version$", _ => DockerAnswer.Fail(1, "docker: 'buildx' is not a docker command.", "See 'docker --help'"));

        var run = host.Run("--target=Publish");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[] { Commands.Version }));
        Assert.That(run.Output, Does.Contain("docker buildx is not available: install the buildx CLI plugin"));
        Assert.That(run.Output, Does.Contain("'buildx' is not a docker command"));
    }

    [Test]
    public void A_builder_running_another_BuildKit_image_is_removed_then_created_with_the_pinned_one()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;

        // The captured builder runs local/buildkit:v0.11.6; the default is the BuildKit the module is tested with.
        var run = host.Run("--target=EnsureBuilder", "--driver-opt=network=host");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --driver-opt \"network=host\" --bootstrap",
            Commands.Inspect,
            Commands.Remove,
            "buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --driver-opt \"network=host\" --bootstrap",
        }));
        Assert.That(run.Output, Does.Contain("Recreating builder buildx-cache: driver option image=moby/buildkit:v0.32.2 is not set on it."));
    }

    [Test]
    public void The_buildkit_image_option_chooses_the_image_and_a_driver_opt_image_given_by_hand_wins()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var chosen = host.Run("--target=EnsureBuilder", "--buildkit-image=moby/buildkit:buildx-stable-1");
        var byHand = host.Run("--target=EnsureBuilder", "--buildkit-image=moby/buildkit:buildx-stable-1", "--driver-opt=image=local/buildkit:dev");

        Assert.That(chosen.Commands[^1], Is.EqualTo("buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:buildx-stable-1\" --bootstrap"));
        Assert.That(byHand.Commands[^1], Does.Contain("--driver-opt \"image=local/buildkit:dev\"").And.Not.Contain("buildx-stable-1"));
    }
}
