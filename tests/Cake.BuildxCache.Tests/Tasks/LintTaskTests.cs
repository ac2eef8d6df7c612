using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Policy;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>Lint: <c>docker buildx build --call=check</c>, failing on warnings only when asked, and only on buildx 0.15+.</summary>
public sealed class LintTaskTests
{
    [TestCase(false, "check,ignorestatus=true")]
    [TestCase(true, "check")]
    public void The_check_runs_on_the_builds_Dockerfile_stage_args_and_contexts_and_builds_nothing(bool failOnWarnings, string call)
    {
        var options = Scenarios.LocalOptions with { Stage = "runtime", BuildArgs = [new("NODE", "22")] };
        options = options with { BuildContexts = [new("shared", "../shared")] };
        options = options with { LintFailOnWarnings = failOnWarnings };
        var plan = RunPlanner.Plan(Scenarios.LocalBranch("main"), options, Cake.BuildxCache.Refs.DockerHostInfo.Local, Scenarios.Created);

        var settings = plan.Lint.Build();

        Assert.That(settings.Call, Is.EqualTo(call));
        Assert.That((settings.Target, settings.Builder, settings.Progress), Is.EqualTo(("runtime", "buildx-cache", "plain")));
        Assert.That(settings.BuildArgs["NODE"], Is.EqualTo("22"));
        Assert.That(settings.BuildContexts["shared"], Is.EqualTo("../shared"));
        Assert.That(settings.Tags.Count + settings.Labels.Count + settings.CacheFrom.Count + settings.CacheTo.Count + settings.Secrets.Count, Is.Zero);
        Assert.That((settings.Push, settings.Load, settings.MetadataFile), Is.EqualTo((false, false, (Cake.Core.IO.FilePath?)null)));
    }

    [Test]
    public void Plan_prints_Lints_command()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Plan", "--lint-fail-on-warnings");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("  Lint:\n    docker buildx build --builder \"buildx-cache\" --file \"docker/app.Dockerfile\" --build-arg \"GIT_COMMIT=" + Jobs.Sha + "\" --call \"check\" --progress \"plain\" \"app\"    # fails on a check warning (--lint-fail-on-warnings)").Or.Contain("--call \"check\" --progress \"plain\" \"app\"    # fails on a check warning"));
    }

    [Test]
    public void On_buildx_older_than_0_15_Lint_warns_and_checks_nothing()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Lint");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("Lint needs buildx 0.15 or later for --call=check (this is v0.10.5): the Dockerfile was not checked."));
        Assert.That(run.Commands.Where(command => command.StartsWith("buildx build", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void On_buildx_older_than_0_15_Lint_asked_to_fail_on_warnings_fails()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabDefaultBranch());

        var run = host.Run("--target=Lint", "--lint-fail-on-warnings=true");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain("--lint-fail-on-warnings cannot be honoured"));
    }
}
