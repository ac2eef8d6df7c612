using Cake.BuildxCache.Tests.EndToEnd.Harness;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Plan is what runs: every docker command a real <c>Publish</c> executed (as the docker shim recorded it) is
/// printed, argument for argument, by <c>Plan</c> for the same job, and Plan itself runs no docker command. The
/// one conditional part Plan names on the build line: a <c>--cache-from</c> ref the registry does not have is
/// left out when the build runs (the existence check happens then), so the run's refs are Plan's, in order, less those.
/// </summary>
public sealed class PlanMatchesRunTests() : RealStackFixture("plan")
{
    [Test]
    public void Every_command_of_a_real_publish_is_in_the_plan()
    {
        var job = Scene.GitLab().Branch("feature/plan", "feature-plan");
        string[] options = ["--prune-until=1h", "--prune-remove-builder=true", "--logout=true"];

        var plan = Scene.Run(job, ["--target=Plan", .. options]);
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(Scene.Sandbox.DockerCalls(), Is.Empty, "Plan runs no docker command");
        var planned = PlannedCommands.From(plan.Lines);
        Assert.That(planned, Is.Not.Empty, plan.Output);

        var run = Scene.Run(job, ["--target=Publish", .. options]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

        var executed = Scene.Sandbox.DockerCalls();
        Assert.That(executed.Count, Is.GreaterThanOrEqualTo(5), "version, inspect, create, login, build and more");
        foreach (var call in executed)
        {
            var normalised = PlannedCommands.Normalise(call);
            Assert.That(
                planned.Any(command => PlannedCommands.Matches(command, normalised)),
                Is.True,
                $"the run executed `docker {string.Join(' ', call)}`, which Plan does not print:\n{plan.Output}");
        }

        Assert.That(Scene.Calls("buildx", "history", "inspect"), Has.Count.EqualTo(1), "the build's record is read once, after it");
        var build = Scene.Calls("buildx", "build").Single();
        Assert.That(PlannedCommands.CacheFrom(build), Is.Empty, "a new branch in an empty registry: neither ref exists yet");
        // Lint's check is a `docker buildx build --call` line of its own; the build is the other one.
        Assert.That(
            plan.Lines.Single(line => line.TrimStart().StartsWith("docker buildx build", StringComparison.Ordinal) && !line.Contains("--call", StringComparison.Ordinal)),
            Does.EndWith("left out (--check-cache-refs)"));
    }

    [Test]
    public void Every_command_of_a_real_prune_with_space_limits_is_in_the_plan()
    {
        var job = Scene.GitLab().Branch("main", "main");
        string[] limits = ["--prune-reserved-space=1mb", "--prune-max-used-space=100mb"];
        Assert.That(Scene.Run(job, "--target=EnsureBuilder").ExitCode, Is.EqualTo(0));

        var plan = Scene.Run(job, ["--target=Plan", .. limits]);
        var before = Scene.Sandbox.DockerCalls().Count;
        var run = Scene.Run(job, ["--target=PruneCache", .. limits]);

        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var planned = PlannedCommands.From(plan.Lines);
        var executed = Scene.Sandbox.DockerCalls().Skip(before).Select(PlannedCommands.Normalise).ToList();
        Assert.That(executed.Select(call => string.Join(' ', call.Take(2))), Is.EqualTo(new[] { "buildx inspect", "buildx version", "buildx prune" }), "PruneCache alone asks buildx its version for the space flags");
        foreach (var call in executed)
        {
            Assert.That(planned.Any(command => command.SequenceEqual(call)), Is.True, $"the run executed `docker {string.Join(' ', call)}`, which Plan does not print:\n{plan.Output}");
        }
    }
}
