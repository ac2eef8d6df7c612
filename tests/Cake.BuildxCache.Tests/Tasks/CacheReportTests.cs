using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>What BuildWithCache makes of the build's progress: the report, the hand-off files, --require-cache-hit.</summary>
public sealed class CacheReportTests
{
    // A warm build (the cache import succeeded) in which one of two real steps ran.
    private static readonly string[] PartlyWarm =
    [
        "#1 [internal] load build definition from Dockerfile",
        "#1 DONE 0.0s",
        "#2 importing cache manifest from registry.gitlab.example.com/group/app/cache:main",
        "#2 DONE 0.1s",
        "#3 [build 1/3] FROM docker.io/library/golang:1.24",
        "#3 DONE 0.0s",
        "#4 [build 2/3] RUN go mod download",
        "#4 CACHED",
        "#5 [build 3/3] RUN go build -o /out/app .",
        "#5 DONE 12.5s",
        "#6 exporting to image",
        "#6 DONE 0.3s",
    ];

    [Test]
    public void A_failed_build_leaves_no_hand_off_of_the_previous_build()
    {
        using var workspace = Workspace.Plain();
        var artifacts = Directory.CreateDirectory(Path.Combine(workspace.Path, "artifacts")).FullName;
        File.WriteAllText(Path.Combine(artifacts, "build.env"), "BUILDX_IMAGE_DIGEST=sha256:" + new string('a', 64) + "\n");
        File.WriteAllText(Path.Combine(artifacts, "buildx-report.json"), """{"previous":"build"}""");
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", _ => DockerAnswer.Fail(1, "ERROR: failed to solve: process \"/bin/sh -c false\" did not complete successfully: exit code: 1"));

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(File.Exists(Path.Combine(artifacts, "build.env")), Is.False, "the previous build's image and digest would be handed on");
        Assert.That(File.ReadAllText(Path.Combine(artifacts, "buildx-report.json")), Does.Not.Contain("previous"));
    }

    [Test]
    public void A_metadata_file_without_a_folder_is_written_in_the_working_directory()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=BuildWithCache", "--metadata-file=meta.json");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands.Single(command => command.StartsWith("buildx build ", StringComparison.Ordinal)), Does.Contain("--metadata-file \"meta.json\""));
        Assert.That(File.Exists(Path.Combine(workspace.Path, "meta.json")), Is.True);
    }

    [Test]
    public void The_progress_is_shown_parsed_into_a_report_and_handed_to_the_pipeline()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", call =>
        {
            FakeDocker.WriteMetadata(call);
            return DockerAnswer.Fixture("build-warm-plain.txt");
        });

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("#7 [slow 2/2] RUN sleep 20"), "the build's own progress is shown");
        var report = File.ReadAllText(Path.Combine(workspace.Path, "artifacts", "buildx-report.json"));
        Assert.That(report, Does.Contain("\"schemaVersion\": 1").And.Contain("127.0.0.1:5000/sample/cache:fx22716"));
        var env = File.ReadAllLines(Path.Combine(workspace.Path, "artifacts", "build.env"));
        Assert.That(env, Has.Member("IMAGE=registry.gitlab.example.com/group/app"));
        Assert.That(env, Has.Member("CACHE_REF=registry.gitlab.example.com/group/app/cache:main"));
        Assert.That(env.Single(line => line.StartsWith("IMAGE_DIGEST=", StringComparison.Ordinal)), Does.StartWith("IMAGE_DIGEST=sha256:"));
    }

    [Test]
    public void On_GitHub_the_report_is_appended_to_the_job_summary()
    {
        using var workspace = Workspace.Plain();
        var summary = workspace.Write("step-summary.md", "# earlier step\n");
        var job = Jobs.GitHubPush(workspace.Write("event.json", Jobs.GitHubPushPayload()));
        job["GITHUB_STEP_SUMMARY"] = summary;
        var host = new BuildxHost(workspace, job);
        host.Docker.On("^buildx build ", call =>
        {
            FakeDocker.WriteMetadata(call);
            return DockerAnswer.Fixture("build-warm-plain.txt");
        });

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        var text = File.ReadAllText(summary);
        Assert.That(text, Does.StartWith("# earlier step"), "appended, not replaced");
        Assert.That(text, Does.Contain("**Cache:** 2 of 2 build steps cached (100%)").And.Contain("| stage | steps | cached | ran | time |"));
    }

    [Test]
    public void A_warm_build_below_the_required_hit_fails_naming_the_steps_that_ran()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", call =>
        {
            FakeDocker.WriteMetadata(call);
            return DockerAnswer.Ok(PartlyWarm);
        });

        var failing = host.Run("--target=BuildWithCache", "--require-cache-hit=80");

        Assert.That(failing.ExitCode, Is.Not.Zero, failing.ToString);
        Assert.That(failing.Output, Does.Contain("--require-cache-hit=80").And.Contain("RUN go build"));

        var passing = host.Run("--target=BuildWithCache", "--require-cache-hit=50");
        Assert.That(passing.ExitCode, Is.Zero, passing.ToString);
    }

    [Test]
    public void A_cold_build_is_not_held_to_the_required_hit()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", call =>
        {
            FakeDocker.WriteMetadata(call);
            return DockerAnswer.Fixture("build-cold-plain.txt");
        });

        var run = host.Run("--target=BuildWithCache", "--require-cache-hit=100");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
    }

    [Test]
    public void A_failed_build_names_the_failed_step()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());
        host.Docker.On("^buildx build ", "build-fail-plain.txt");

        var run = host.Run("--target=BuildWithCache");

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Output, Does.Contain("failed step: "));
        Assert.That(File.Exists(Path.Combine(workspace.Path, "artifacts", "buildx-report.json")), "the report is written for the pipeline even when the build fails");
    }

    [Test]
    public void A_bad_required_hit_is_refused_before_any_docker_command()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=BuildWithCache", "--require-cache-hit=lots");

        Assert.That(run.ExitCode, Is.Not.Zero);
        Assert.That(run.Output, Does.Contain("require-cache-hit 'lots'").And.Contain("whole percentage"));
        Assert.That(run.Calls, Is.Empty);
    }
}

/// <summary>Collapsible log sections around each task, in the CI's own syntax.</summary>
public sealed class LogSectionTests
{
    [Test]
    public void GitLab_gets_section_markers_around_each_task()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Plan");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Match("\u001b\\[0Ksection_start:\\d+:plan\r\u001b\\[0KPlan"));
        Assert.That(run.Output, Does.Match("\u001b\\[0Ksection_end:\\d+:plan\r\u001b\\[0K"));
    }

    [Test]
    public void GitHub_gets_groups_and_a_local_run_gets_no_markers()
    {
        using var workspace = Workspace.Plain();

        var github = new BuildxHost(workspace, Jobs.GitHubPush(workspace.Write("event.json", Jobs.GitHubPushPayload()))).Run("--target=Plan");
        Assert.That(github.Output, Does.Contain("::group::Plan").And.Contain("::endgroup::"));

        using var local = Workspace.GitClone();
        var plain = new BuildxHost(local, Jobs.Local()).Run("--target=Plan");
        Assert.That(plain.ExitCode, Is.Zero, plain.ToString);
        Assert.That(plain.Output, Does.Not.Contain("section_start").And.Not.Contain("::group::"));
    }
}
