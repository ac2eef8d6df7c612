using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>
/// The next commit on a fresh runner (buildx 0.36.1 / BuildKit 0.32.2 captures): the final stage rebuilds and needs
/// the slow stage's result, which BuildKit takes from the registry cache and pulls lazily. Plain output shows that
/// step with only its layer's download and extraction and a <c>DONE</c>, no <c>CACHED</c>; rawjson first marks it
/// cached, then reports the pull without the flag. Both must read as cached, not as a step that ran.
/// </summary>
public sealed class RemoteCacheLoadTests
{
    private const string SlowStep = "[slow 2/2] RUN sleep 3";

    private static BuildReport Read(string fixture) => BuildProgress.Parse(Fixtures.Captured(fixture, Fixtures.Buildx0361).Lines);

    [TestCase("build-next-commit-plain.txt", ProgressFormat.Plain)]
    [TestCase("build-next-commit-rawjson.txt", ProgressFormat.RawJson)]
    public void A_step_pulled_from_the_registry_cache_counts_as_cached_and_the_commit_step_as_ran(string fixture, ProgressFormat format)
    {
        var report = Read(fixture);

        Assert.That(report.Format, Is.EqualTo(format));
        var slow = report.Steps.Single(step => step.Name.StartsWith(SlowStep, StringComparison.Ordinal));
        Assert.That(slow.Status, Is.EqualTo(StepStatus.Cached));
        Assert.That(slow.Duration, Is.Null, "a cached step reports no run time");
        Assert.That(report.Steps.Single(step => step.Name.Contains("RUN echo", StringComparison.Ordinal)).Status, Is.EqualTo(StepStatus.Done));
        Assert.That(report.Steps.Single(step => step.Name.Contains("COPY --from=slow", StringComparison.Ordinal)).Status, Is.EqualTo(StepStatus.Done));
        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran), Is.EqualTo((3, 1, 2)));
        Assert.That(report.Steps.Single(step => step.Kind == StepKind.BaseImage).Status, Is.EqualTo(StepStatus.Done).Or.EqualTo(StepStatus.Cached), "the base image's own pull is no build step");
    }

    [Test]
    public void A_step_that_ran_is_not_mistaken_for_a_cache_load()
    {
        // The cold build of the same captures: the slow RUN shows no layer transfer and ran its 3 s.
        var report = Read("build-cold-plain.txt");

        var slow = report.Steps.Single(step => step.Name.StartsWith(SlowStep, StringComparison.Ordinal));
        Assert.That(slow.Status, Is.EqualTo(StepStatus.Done));
        Assert.That(slow.Duration, Is.GreaterThan(TimeSpan.FromSeconds(3)));
    }
}
