using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Lint over the user's bake file on the real buildx and BuildKit: one <c>docker buildx bake --call=check</c> for all its
/// targets, reported per target; a target with a check warning and one without.
/// </summary>
public sealed class BakeFileLintTests() : RealStackFixture("bakelint")
{
    [Test]
    public void Each_target_of_the_bake_file_is_checked_and_reported_by_name_and_fails_on_a_warning_when_asked()
    {
        // FromAsCasing: 'as' in lower case after an upper-case FROM, in the api target's Dockerfile only.
        Scene.Workspace.Write("api/Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} as base
            RUN true

            """);
        Scene.Workspace.Write("worker/Dockerfile", $"""
            FROM {EndToEndSetUp.BaseImage} AS base
            RUN true

            """);
        Scene.Workspace.Write("docker-bake.hcl", $$"""
            group "default" {
              targets = ["api", "worker"]
            }

            target "api" {
              context = "api"
              tags = ["{{Scene.Image}}/api:dev"]
            }

            target "worker" {
              context = "worker"
              tags = ["{{Scene.Image}}/worker:dev"]
            }

            """);
        Scene.LogInAsDeveloper();
        var job = new Dictionary<string, string>();

        var lenient = Scene.Run(job, "--target=Lint", "--image=" + Scene.Image, "--bake-file=docker-bake.hcl");
        var strict = Scene.Run(job, "--target=Lint", "--image=" + Scene.Image, "--bake-file=docker-bake.hcl", "--lint-fail-on-warnings");
        var workerOnly = Scene.Run(job, "--target=Lint", "--image=" + Scene.Image, "--bake-file=docker-bake.hcl", "--bake-target=worker", "--lint-fail-on-warnings");

        Assert.That(lenient.ExitCode, Is.EqualTo(0), lenient.ToString());
        Assert.That(lenient.Output, Does.Contain("Lint api: 1 check warning(s) (FromAsCasing)").And.Contain("Lint worker: no check warnings."));
        Assert.That(lenient.Output, Does.Contain("Lint: 1 of 2 targets have check warnings"));
        Assert.That(strict.ExitCode, Is.Not.EqualTo(0), strict.ToString());
        Assert.That(strict.Output, Does.Contain("Lint: api has check warnings and --lint-fail-on-warnings is set"));
        Assert.That(workerOnly.ExitCode, Is.EqualTo(0), workerOnly.ToString());
        Assert.That(workerOnly.Output, Does.Contain("Lint worker: no check warnings.").And.Not.Contain("Lint api"));
        var calls = Scene.Calls("buildx", "bake").Where(call => call.Contains("--call")).ToList();
        Assert.That(calls.Select(call => call.SkipWhile(word => word != "--call").Skip(1).FirstOrDefault()), Is.EqualTo(new[] { "check,ignorestatus=true", "check", "check" }));
        Assert.That(Scene.Calls("buildx", "build"), Is.Empty, "nothing is built");
    }
}
