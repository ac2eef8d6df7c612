using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=EnsureBuilder</c> with the real buildx and engine: what exists afterwards is read from
/// the engine (the builder's container, by the name buildx gives it) and from <c>docker buildx inspect</c>.
/// </summary>
public sealed class EnsureBuilderTests() : RealStackFixture("builder")
{
    /// <summary>The builder's one node runs in a container buildx names <c>buildx_buildkit_&lt;builder&gt;0</c>.</summary>
    private string Container => $"buildx_buildkit_{Scene.Builder}0";

    private BuildRun EnsureBuilder(params string[] arguments) =>
        Scene.Run(Scene.GitLab().Branch("main", "main"), ["--target=EnsureBuilder", .. arguments]);

    /// <summary>The container's id and state in the engine, or null when there is none.</summary>
    private (string Id, string State)? ContainerInEngine()
    {
        var inspect = Scene.Docker("container", "inspect", "--format", "{{.Id}} {{.State.Status}}", Container);
        if (inspect.ExitCode != 0)
        {
            return null;
        }

        var parts = inspect.StandardOutput.Trim().Split(' ');
        return (parts[0], parts[1]);
    }

    [Test]
    public void A_fresh_runner_gets_a_running_builder_and_the_next_run_reuses_it()
    {
        Assert.That(ContainerInEngine(), Is.Null, "no builder before the first run");

        var first = EnsureBuilder();
        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        var created = ContainerInEngine();
        Assert.That(created?.State, Is.EqualTo("running"), first.ToString());
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain("docker-container").And.Contain("network=\"host\""));

        var second = EnsureBuilder();
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(second.Output, Does.Contain($"Reusing builder {Scene.Builder} (driver docker-container, running)"));
        Assert.That(second.Output, Does.Contain($"Builder {Scene.Builder} exists: comparing it with the plan."), "the real buildx refused the second create");
        Assert.That(Scene.Calls("buildx", "rm"), Is.Empty, "nothing removed");
        Assert.That(ContainerInEngine()?.Id, Is.EqualTo(created?.Id), "the same container");
    }

    [Test]
    public void Different_driver_options_recreate_the_builder_with_them()
    {
        Assert.That(EnsureBuilder().ExitCode, Is.EqualTo(0));
        var before = ContainerInEngine();

        var run = EnsureBuilder("--driver-opt=env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"Recreating builder {Scene.Builder}: driver option env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760 is not set on it"));
        var after = ContainerInEngine();
        Assert.That(after?.State, Is.EqualTo("running"));
        Assert.That(after?.Id, Is.Not.EqualTo(before?.Id), "a new container");
        var env = Scene.Docker("container", "inspect", "--format", "{{json .Config.Env}}", Container).StandardOutput;
        Assert.That(env, Does.Contain("BUILDKIT_STEP_LOG_MAX_SIZE=10485760"), "the new option reached the container");
    }

    [Test]
    public void A_driver_option_whose_value_holds_a_comma_reaches_buildx_as_one_value_and_the_next_run_reuses_the_builder()
    {
        // Quoted whole, as buildx reads --driver-opt (CSV): the docker-container driver's env.NAME takes any value.
        var option = "--driver-opt=\"env.NO_PROXY=127.0.0.1,localhost\"";

        var first = EnsureBuilder(option);

        Assert.That(first.ExitCode, Is.EqualTo(0), first.ToString());
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain("env.NO_PROXY=\"127.0.0.1,localhost\""));
        var env = Scene.Docker("container", "inspect", "--format", "{{json .Config.Env}}", Container).StandardOutput;
        Assert.That(env, Does.Contain("\"NO_PROXY=127.0.0.1,localhost\""), "the whole value reached BuildKit's container");
        var second = EnsureBuilder(option);
        Assert.That(second.ExitCode, Is.EqualTo(0), second.ToString());
        Assert.That(second.Output, Does.Contain($"Reusing builder {Scene.Builder} (driver docker-container, running)"), "the value read back from buildx is the one asked for");
    }

    [Test]
    public void A_builder_running_another_BuildKit_image_is_recreated_with_the_one_asked_for()
    {
        Assert.That(EnsureBuilder("--buildkit-image=moby/buildkit:buildx-stable-1").ExitCode, Is.EqualTo(0));
        Assert.That(ContainerImage(), Is.EqualTo("moby/buildkit:buildx-stable-1"));
        var before = ContainerInEngine();

        var run = EnsureBuilder();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain($"Recreating builder {Scene.Builder}: driver option image=moby/buildkit:v0.32.2 is not set on it"));
        Assert.That(ContainerInEngine()?.Id, Is.Not.EqualTo(before?.Id), "a new container");
        Assert.That(ContainerImage(), Is.EqualTo("moby/buildkit:v0.32.2"), "the pinned BuildKit is the default");
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain("BuildKit version:").And.Contain("v0.32.2"));
    }

    private string ContainerImage() =>
        Scene.Docker("container", "inspect", "--format", "{{.Config.Image}}", Container).StandardOutput.Trim();

    [Test]
    public void A_builder_whose_container_was_removed_behind_buildx_back_is_brought_back()
    {
        Assert.That(EnsureBuilder().ExitCode, Is.EqualTo(0));
        var removed = Scene.Docker("rm", "--force", Container);
        Assert.That(removed.ExitCode, Is.EqualTo(0), removed.Output);
        Assert.That(ContainerInEngine(), Is.Null);

        var run = EnsureBuilder();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(ContainerInEngine()?.State, Is.EqualTo("running"), run.ToString());
        var build = Scene.Run(Scene.GitLab().Branch("main", "main"), "--target=Publish");
        Assert.That(build.ExitCode, Is.EqualTo(0), "the builder builds: " + build);
    }

    [Test]
    public void Under_docker_in_docker_TLS_the_builder_is_created_on_a_docker_context()
    {
        RealStack.RequireTlsEndpoint();
        var job = Scene.GitLab().Branch("main", "main").With(
            ("DOCKER_HOST", "tcp://127.0.0.1:2376"),
            ("DOCKER_TLS_VERIFY", "1"),
            ("DOCKER_CERT_PATH", RealStack.TlsCertPath));

        // What the seeds' hand-written job does: buildx refuses to create a docker-container builder on a TLS host.
        var raw = ProcessRunnerWith(job, "buildx", "create", "--name", Scene.Builder + "-raw", "--driver", "docker-container", "--driver-opt", "network=host");
        TestContext.Out.WriteLine("raw buildx create under DOCKER_HOST with TLS: exit " + raw.ExitCode + "\n" + raw.Output);

        var run = Scene.Run(job, "--target=Publish");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(Scene.Calls("context", "create"), Has.Count.EqualTo(1), "a docker context carries the TLS data");
        Assert.That(run.Output, Does.Contain("Creating docker context"));
        Assert.That(ContainerInEngine()?.State, Is.EqualTo("running"), "the builder runs in the engine behind the TLS endpoint");
        Assert.That(RealScene.Registry.Digest(Scene.Project, "main"), Is.Not.Null, "the image was pushed");
        if (raw.ExitCode == 0)
        {
            Scene.Docker("buildx", "rm", "--force", Scene.Builder + "-raw");
        }
    }

    private Support.ProcessResult ProcessRunnerWith(Dictionary<string, string> job, params string[] arguments) =>
        Support.ProcessRunner.Run(
            Tools.Docker,
            arguments,
            Scene.Workspace.Path,
            job.Over(Scene.Sandbox).ToDictionary(pair => pair.Key, pair => (string?)pair.Value),
            TimeSpan.FromMinutes(2));
}
