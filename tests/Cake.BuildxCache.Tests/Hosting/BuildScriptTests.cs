using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Hosting;

/// <summary>./build.sh run as a real process, the way CI and developers run it.</summary>
[NonParallelizable]
public sealed class BuildScriptTests
{
    private static ProcessResult BuildSh(params string[] args) =>
        ProcessRunner.Run(Path.Combine(RepositoryRoot.Path, "build.sh"), args, workingDirectory: Path.GetTempPath());

    [Test]
    public void Tree_prints_the_task_graph()
    {
        var result = BuildSh("--tree");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.StandardOutput, Does.Contain("Test"));
    }

    [Test]
    public void An_unknown_target_exits_non_zero_and_names_the_known_targets()
    {
        var result = BuildSh("--target=Nope");

        Assert.That(result.ExitCode, Is.Not.EqualTo(0));
        Assert.That(result.Output, Does.Contain("The target 'Nope' was not found. Known targets:").And.Contain("Test"));
    }

    [Test]
    public void Arguments_and_exit_codes_pass_through()
    {
        var bad = BuildSh("--verbosity=loud");
        Assert.That(bad.ExitCode, Is.Not.EqualTo(0));
        Assert.That(bad.Output, Does.Contain("loud"));

        var version = BuildSh("--version");
        Assert.That(version.ExitCode, Is.EqualTo(0), version.Output);
        Assert.That(version.StandardOutput, Does.Contain("Cake engine 7.0.0"));
    }

    [Test]
    public void Description_shows_the_tasks_of_this_repository()
    {
        var result = BuildSh("--description");

        Assert.That(result.ExitCode, Is.EqualTo(0), result.Output);
        Assert.That(result.StandardOutput, Does.Contain("Runs the test suite"));
    }
}
