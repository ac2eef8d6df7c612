using System.Collections.Immutable;
using Cake.BuildxCache.Docker.Bake;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// <c>docker buildx bake --call=check</c>'s report per target, over what the real buildx 0.36.1 with BuildKit 0.32.2
/// printed for <c>Fixtures/buildx-0.36.1/bake/lint</c>; and the check's command line.
/// </summary>
public sealed class BakeCheckParserTests
{
    [Test]
    public void Each_target_gets_its_warnings_and_rules()
    {
        var (lines, exitCode) = Fixtures.Captured("bake/check-two-targets.txt", Fixtures.Buildx0361);

        var checks = BakeCheckParser.Parse(lines, ["warned", "clean"]);

        Assert.That(exitCode, Is.EqualTo(1), "check exits 1 on a warning");
        Assert.That(checks.Select(check => (check.Target, check.Warnings, string.Join(",", check.Rules), check.Error)), Is.EqualTo(new[]
        {
            ("warned", (int?)1, "FromAsCasing", (string?)null),
            ("clean", 0, string.Empty, null),
        }));
    }

    [Test]
    public void A_dockerfile_that_cannot_be_checked_is_an_error_of_its_target_only()
    {
        var (lines, exitCode) = Fixtures.Captured("bake/check-broken.txt", Fixtures.Buildx0361);

        var checks = BakeCheckParser.Parse(lines, ["warned", "broken"]);

        Assert.That(exitCode, Is.EqualTo(1), "ignorestatus=true does not hide a parse error");
        Assert.That(checks[0].Warnings, Is.EqualTo(1));
        Assert.That(checks[1].Warnings, Is.Null);
        Assert.That(checks[1].Error, Is.EqualTo("dockerfile parse error on line 3: unknown instruction: FOO (did you mean FROM?)"));
    }

    [Test]
    public void A_target_buildx_said_nothing_about_has_no_result()
    {
        var (lines, _) = Fixtures.Captured("bake/check-reporting.txt", Fixtures.Buildx0361);

        var missing = BakeCheckParser.Parse(lines, ["other"]).Single();

        Assert.That((missing.Warnings, missing.Error), Is.EqualTo(((int?)null, (string?)null)));
    }

    [Test]
    public void The_check_runs_the_users_files_and_targets_on_the_builder_and_fails_on_warnings_only_when_asked()
    {
        var options = new BuildxCacheOptions { BakeFiles = ["docker-bake.hcl", "ci.hcl"], BakeTargets = ["api"] };
        var fixture = new DockerFixture();
        var runner = new BakeFileRunner(fixture.FileSystem, fixture.Environment, fixture.ProcessRunner, fixture.Tools);

        var reporting = runner.GetArguments(BakeLintSteps.Of(options, "ci")!.Settings()).Render();
        var failing = runner.GetArguments(BakeLintSteps.Of(options with { LintFailOnWarnings = true }, "ci")!.Settings()).Render();

        Assert.That(reporting, Is.EqualTo("buildx bake --builder \"ci\" -f \"docker-bake.hcl\" -f \"ci.hcl\" --call \"check,ignorestatus=true\" --progress \"plain\" \"api\""));
        Assert.That(failing, Does.Contain("--call \"check\" "));
        Assert.That(BakeLintSteps.Of(new BuildxCacheOptions(), "ci"), Is.Null, "without --bake-file Lint checks the one Dockerfile");
        Assert.That(new BakeLintSteps(ImmutableArray<string>.Empty, [], "ci", false).Steps.Single().When, Does.Contain("per target"));
    }
}
