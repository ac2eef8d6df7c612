using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// Plan of a run that declares several images in cake.config: its commands are the ones the tasks run, one
/// <c>docker buildx bake</c> over the definition the module writes (printed, secrets as references), and Lint's
/// <c>bake --call=check</c>, never the first image's <c>docker buildx build</c>. Plan starts no docker.
/// </summary>
public sealed class SeveralImagesPlanTaskTests
{
    private const string Sections = """

        [Buildx.Image.api]
        Dockerfile=docker/app.Dockerfile

        [Buildx.Image.worker]
        Dockerfile=docker/app.Dockerfile
        Stage=slow
        """;

    [Test]
    public void Plan_prints_the_bake_Publish_runs_its_definition_and_Lints_bake_check_never_a_single_build()
    {
        using var workspace = Workspace.Plain();
        File.AppendAllText(Path.Combine(workspace.Path, "cake.config"), Sections + "\n");
        var job = Jobs.With(Jobs.GitLabDefaultBranch(), ("NPM_TOKEN", "not-a-real-npm-token"));
        var host = new BuildxHost(workspace, job);

        var run = host.Run("--target=Plan", "--secret=id=npm,env=NPM_TOKEN");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Calls, Is.Empty, "Plan runs no docker for image sections");
        var output = run.Output.Replace("\r\n", "\n", StringComparison.Ordinal);
        var commands = output[output.IndexOf("\nCommands\n", StringComparison.Ordinal)..];
        Assert.Multiple(() =>
        {
            Assert.That(commands, Does.Not.Contain("docker buildx build"), "no task runs a single image's build");
            Assert.That(commands, Does.Contain("  Lint:\n    docker buildx bake --builder \"buildx-cache\" -f \"<definition.json>\" --call \"check,ignorestatus=true\" --progress \"plain\" \"default\""));
            Assert.That(commands, Does.Contain("Bake (Publish):\n  docker buildx bake --builder \"buildx-cache\" --file \"<definition.json>\" --metadata-file"));
            Assert.That(commands, Does.Contain("Definition (<definition.json>, written by the module for the bake):\n  {"));
            Assert.That(commands, Does.Contain("\"api\": {").And.Contain("\"worker\": {").And.Contain("\"target\": \"slow\""));
            Assert.That(commands, Does.Contain("id=npm,env=NPM_TOKEN"), "the secret as its reference");
            Assert.That(output, Does.Not.Contain("not-a-real-npm-token"), "never its value");
        });
    }
}
