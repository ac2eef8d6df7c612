using Cake.BuildxCache.Tests.Docker;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// The user's bake file in the tasks: read once through <c>docker buildx bake --print</c> (answered here with what the
/// real buildx 0.36.1 printed), refused before any other docker command when a target cannot be an image, and printed by
/// Plan with Publish's bake over it, which says in one line that the file cannot be read when buildx is missing.
/// </summary>
public sealed class BakeFileTaskTests
{
    private const string Print = "^buildx bake -f \"docker-bake.hcl\" --print --progress \"quiet\"$";

    private static BuildxHost Host(Workspace workspace, Func<DockerCall, DockerAnswer> print, bool credentials = false)
    {
        workspace.Write("docker-bake.hcl", "# answered by the fake docker\n");

        // The fixture's targets: their contexts and Dockerfiles, and credentials for their registry.
        workspace.Write("api/Dockerfile", "FROM scratch AS runtime\n");
        workspace.Write("worker/worker.Dockerfile", "FROM scratch\n");
        var job = Jobs.GitLabFeatureBranch();
        if (credentials)
        {
            job["BUILDX_REGISTRY"] = "registry.example.com";
            job["BUILDX_REGISTRY_USER"] = "deploy-bot";
            job["BUILDX_REGISTRY_PASSWORD"] = "not-a-real-password";
        }

        var host = new BuildxHost(workspace, job);
        host.Docker.On(Print, print);
        return host;
    }

    private static DockerAnswer Printed(string name) =>
        DockerAnswer.Ok(File.ReadAllLines(Fixtures.PathOf("bake/" + name, Fixtures.Buildx0361)));

    [Test]
    public void A_target_with_its_own_cache_refuses_publish_naming_the_file_and_target_before_any_other_docker_command()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, _ => Printed("print-own-cache.json"));

        var run = host.Run("--target=Publish", "--bake-file=docker-bake.hcl");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Has.Count.EqualTo(1).And.All.StartWith("buildx bake -f \"docker-bake.hcl\" --print"), run.ToString);
        Assert.That(run.Output, Does.Contain("with the buildx options; nothing was run:"));
        Assert.That(run.Output, Does.Contain("bake-file 'docker-bake.hcl' (from --bake-file): target 'api' sets cache-to (type=registry,"));
        Assert.That(run.Output, Does.Contain("bake-file 'docker-bake.hcl' (from --bake-file): target 'worker' has no tags"));
    }

    [Test]
    public void Plan_lists_the_images_of_the_bake_file()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, _ => Printed("print-hcl-default.json"), credentials: true);
        host.Docker.On("^buildx bake -f .*docker-bake.hcl\" -f .*\\.json\" --print", _ => Printed("print-hcl-default.json"));

        var run = host.Run("--target=Plan", "--bake-file=docker-bake.hcl");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("Bake file: docker-bake.hcl (its default group)"));
        Assert.That(run.Output, Does.Contain("  api: api/Dockerfile --target runtime in api -> registry.example.com/shop/api"));
        Assert.That(run.Output, Does.Contain("  worker: worker/worker.Dockerfile in worker -> registry.example.com/shop/worker"));
        var bake = $"docker buildx bake --builder \"buildx-cache\" --file \"{Path.Combine(workspace.Path, "docker-bake.hcl")}\" --file \"<override.json>\" --metadata-file";
        Assert.That(run.Output, Does.Contain("Bake (Publish):" + Environment.NewLine + "  " + bake), "Publish's bake: the user's file, then the module's override");
        Assert.That(run.Output, Does.Contain("\"api\" \"worker\""), "the file's targets, by name");
        Assert.That(run.Output, Does.Contain("Merged definition (docker buildx bake -f <the bake file> -f <override.json> --print"), "what buildx --print says (here the fixture)");
    }

    [Test]
    public void Without_buildx_Plan_says_so_in_one_line_and_prints_the_rest_while_a_build_is_refused()
    {
        using var workspace = Workspace.Plain();
        var host = Host(workspace, _ => DockerAnswer.Fail(1, "docker: 'buildx' is not a docker command.", "See 'docker --help'"));

        var plan = host.Run("--target=Plan", "--bake-file=docker-bake.hcl");
        var publish = host.Run("--target=Publish", "--bake-file=docker-bake.hcl");

        Assert.That(plan.ExitCode, Is.Zero, plan.ToString);
        Assert.That(plan.Output, Does.Contain("Bake file: docker-bake.hcl (its default group)" + Environment.NewLine + "  the bake file docker-bake.hcl cannot be read, nor the merged definition printed, without buildx (docker buildx bake --print): docker: 'buildx' is not a docker command."));
        Assert.That(plan.Output, Does.Contain("Images (1)"), "the rest of the plan is printed");
        Assert.That(publish.ExitCode, Is.Not.Zero, publish.ToString);
        Assert.That(publish.Output, Does.Contain("bake-file 'docker-bake.hcl' (from --bake-file): the bake file docker-bake.hcl cannot be read, nor the merged definition printed, without buildx"));
        Assert.That(publish.Commands, Has.All.StartWith("buildx bake"), "nothing else ran");
    }
}
