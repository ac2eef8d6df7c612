using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.Core;
using Cake.Core.IO;
using NSubstitute;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>What every docker command gets from the shared runner, exercised through small commands.</summary>
public sealed class DockerCliToolTests
{
    private static BuildxVersionRunner VersionRunner(DockerFixture fixture) =>
        fixture.Runner((fs, env, pr, tl) => new BuildxVersionRunner(fs, env, pr, tl));

    [Test]
    public void Docker_is_found_by_the_tool_locator_under_its_unix_and_windows_names()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");

        VersionRunner(fixture).Run(new BuildxVersionSettings());

        fixture.Tools.Received().Resolve(Arg.Is<IEnumerable<string>>(names => names.SequenceEqual(new[] { "docker", "docker.exe" })));
        Assert.That(fixture.StartedPath!.FullPath, Is.EqualTo("/usr/bin/docker"));
    }

    [Test]
    public void ToolPath_overrides_the_locator_and_is_made_absolute_from_the_working_directory()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");

        VersionRunner(fixture).Run(new BuildxVersionSettings { ToolPath = "tools/docker" });

        Assert.That(fixture.StartedPath!.FullPath, Is.EqualTo("/work/tools/docker"));
        fixture.Tools.DidNotReceive().Resolve(Arg.Any<IEnumerable<string>>());
    }

    [Test]
    public void A_missing_docker_is_a_clear_error_and_nothing_is_started()
    {
        var fixture = new DockerFixture();
        fixture.Tools.Resolve(Arg.Any<IEnumerable<string>>()).Returns((FilePath?)null);

        var error = Assert.Throws<CakeException>(() => VersionRunner(fixture).Run(new BuildxVersionSettings()));

        Assert.That(error!.Message, Is.EqualTo("docker: Could not locate executable."));
        Assert.That(fixture.StartCount, Is.Zero);
    }

    [Test]
    public void Parsed_commands_redirect_output_and_leave_stdin_alone()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");

        VersionRunner(fixture).Run(new BuildxVersionSettings());

        Assert.That(fixture.Started!.RedirectStandardOutput, Is.True);
        Assert.That(fixture.Started.RedirectStandardError, Is.True);
        Assert.That(fixture.Started.StandardInput, Is.Null);
        Assert.That(fixture.Started.WorkingDirectory.FullPath, Is.EqualTo("/work"));
    }

    [Test]
    public void A_build_streams_its_output_to_the_console()
    {
        var fixture = new DockerFixture();

        fixture.Runner((fs, env, pr, tl) => new BuildxBuildRunner(fs, env, pr, tl)).Run(new BuildxBuildSettings());

        Assert.That(fixture.Started!.RedirectStandardOutput, Is.False);
        Assert.That(fixture.Started.RedirectStandardError, Is.False);
        fixture.Process.DidNotReceive().GetStandardOutput();
    }

    [Test]
    public void A_non_zero_exit_throws_with_the_command_the_exit_code_and_what_docker_said()
    {
        var fixture = new DockerFixture { Error = ["docker: unknown command: docker buildx", string.Empty, "Run 'docker --help' for more information"], ExitCode = 1 };

        var error = Assert.Throws<CakeException>(() => VersionRunner(fixture).Run(new BuildxVersionSettings()));

        Assert.That(error!.ExitCode, Is.EqualTo(1));
        Assert.That(error.Message, Is.EqualTo(
            "docker buildx version failed (exit code 1): docker: unknown command: docker buildx | Run 'docker --help' for more information"));
    }

    [Test]
    public void HandleExitCode_returning_true_suppresses_the_exception()
    {
        var fixture = new DockerFixture { ExitCode = 3 };
        var seen = new List<int>();
        var settings = new BuildxPruneSettings { HandleExitCode = code => { seen.Add(code); return true; } };

        var result = fixture.Runner((fs, env, pr, tl) => new BuildxPruneRunner(fs, env, pr, tl)).Run(settings);

        Assert.That(result.ExitCode, Is.EqualTo(3));
        Assert.That(result.Succeeded, Is.False);
        Assert.That(seen, Is.EqualTo(new[] { 3 }));
    }

    [Test]
    public void ArgumentCustomization_reaches_the_process()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");

        VersionRunner(fixture).Run(new BuildxVersionSettings { ArgumentCustomization = args => args.Append("--debug") });

        Assert.That(fixture.Arguments, Is.EqualTo("buildx version --debug"));
    }

    [Test]
    public void ToolTimeout_that_expires_throws_a_timeout_naming_the_command()
    {
        var fixture = new DockerFixture();
        fixture.Process.WaitForExit(5000).Returns(false);

        var error = Assert.Throws<TimeoutException>(() => VersionRunner(fixture).Run(
            new BuildxVersionSettings { ToolTimeout = TimeSpan.FromSeconds(5) }));

        Assert.That(error!.Message, Does.StartWith("docker buildx version did not finish within 00:00:05"));
        fixture.Process.DidNotReceive().WaitForExit();
    }

    [Test]
    public void PostAction_is_called_with_the_process_and_EnvironmentVariables_are_passed()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");
        IProcess? seen = null;
        var settings = new BuildxVersionSettings { PostAction = process => seen = process };
        settings.EnvironmentVariables["DOCKER_CONFIG"] = "/tmp/docker-config";

        VersionRunner(fixture).Run(settings);

        Assert.That(seen, Is.SameAs(fixture.Process));
        Assert.That(fixture.Started!.EnvironmentVariables["DOCKER_CONFIG"], Is.EqualTo("/tmp/docker-config"));
    }

    [Test]
    public void The_process_is_disposed_after_the_run()
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt");

        VersionRunner(fixture).Run(new BuildxVersionSettings());

        fixture.Process.Received(1).Dispose();
    }

    [Test]
    public void GetArguments_renders_without_starting_docker()
    {
        var fixture = new DockerFixture();
        var settings = new BuildxRmSettings { Builder = "ci" };

        var arguments = fixture.Runner((fs, env, pr, tl) => new BuildxRmRunner(fs, env, pr, tl)).GetArguments(settings);

        Assert.That(arguments.Render(), Is.EqualTo("buildx rm \"ci\""));
        Assert.That(fixture.StartCount, Is.Zero);
    }
}
