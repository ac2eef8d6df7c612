using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>
/// The real <c>--progress=rawjson</c> captures of buildx 0.36.1 / BuildKit 0.32.2 (0.10.5 has no rawjson), and the
/// same builds' plain captures, which must tell the same story.
/// </summary>
public sealed class RawJsonCaptureTests
{
    private const string CacheRef = "127.0.0.1:5000/sample/cache:rawjson";

    private static BuildReport Read(string fixture) => BuildProgress.Parse(Fixtures.Captured(fixture, Fixtures.Buildx0361).Lines);

    [Test]
    public void The_cold_build_ran_both_steps_with_times_from_the_stream()
    {
        var report = Read("build-cold-rawjson.txt");

        Assert.That(report.Format, Is.EqualTo(ProgressFormat.RawJson));
        Assert.That(report.Steps, Has.Count.EqualTo(10));
        Assert.That(report.Steps.Select(step => step.Digest), Is.All.Match("^sha256:[0-9a-f]{64}$"));
        Assert.That(report.Steps.Select(step => step.Digest), Is.Unique, "merged by digest: one step per vertex");
        Assert.That(report.Steps.Select(step => step.Status), Is.All.EqualTo(StepStatus.Done).Or.EqualTo(StepStatus.Error));
        var run = report.Steps.Single(step => step.Name.StartsWith("[slow 2/2] RUN sleep 3", StringComparison.Ordinal));
        Assert.That(run.Duration, Is.GreaterThan(TimeSpan.FromSeconds(3)).And.LessThan(TimeSpan.FromSeconds(4)), "the RUN sleeps 3 s");
        Assert.That(report.Elapsed, Is.GreaterThan(run.Duration));

        var import = report.CacheImports.Single();
        Assert.That(import, Is.EqualTo(new CacheImport(CacheRef, false, "failed to configure registry cache importer: " + CacheRef + ": not found")));
        Assert.That((report.CacheExported, report.Error), Is.EqualTo((true, (string?)null)), "a missing cache ref fails no build");
        Assert.That(report.CacheExports.Single().Name, Is.EqualTo("exporting cache to registry"));

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran), Is.EqualTo((2, 0, 2)));
    }

    [Test]
    public void The_warm_build_took_both_steps_from_the_imported_cache()
    {
        var report = Read("build-warm-rawjson.txt");

        var build = report.Steps.Where(step => step.Kind == StepKind.Build).ToList();
        Assert.That(build.Select(step => (step.Status, step.Duration)), Is.EqualTo(new[] { (StepStatus.Cached, (TimeSpan?)null), (StepStatus.Cached, null) }));
        Assert.That(report.ImportedCacheRefs, Is.EqualTo(new[] { CacheRef }));
        Assert.That(report.CacheExported, Is.True);
        Assert.That(BuildSummary.From(report).HitRatio, Is.EqualTo(1));
    }

    [Test]
    public void The_failing_build_names_its_step_and_takes_buildx_error_line()
    {
        var report = Read("build-fail-rawjson.txt");

        var failed = report.FailedSteps.Single();
        Assert.That(failed.Name, Is.EqualTo("[2/2] RUN echo compiling && exit 3"));
        Assert.That(failed.Error, Is.EqualTo("process \"/bin/sh -c echo compiling && exit 3\" did not complete successfully: exit code: 3"));
        Assert.That(report.Error, Is.EqualTo("failed to build: failed to solve: process \"/bin/sh -c echo compiling && exit 3\" did not complete successfully: exit code: 3"));
    }

    [TestCase("build-cold-plain.txt", "build-cold-rawjson.txt")]
    [TestCase("build-warm-plain.txt", "build-warm-rawjson.txt")]
    [TestCase("build-fail-plain.txt", "build-fail-rawjson.txt")]
    public void Plain_and_rawjson_of_the_same_build_agree(string plainFixture, string rawFixture)
    {
        var plain = Read(plainFixture);
        var raw = Read(rawFixture);

        // Rawjson numbers steps as vertexes first appear, which is not plain's order: compare by name.
        static IEnumerable<(string, StepKind, StepStatus)> Steps(BuildReport report) => report.Steps
            .Where(step => step.Kind is StepKind.Build or StepKind.CacheImport or StepKind.CacheExport)
            .Select(step => (step.Name.Replace(":fixture", ":rawjson", StringComparison.Ordinal), step.Kind, step.Status))
            .OrderBy(step => step.Item1, StringComparer.Ordinal);

        Assert.That(Steps(raw), Is.EqualTo(Steps(plain)));
        Assert.That(raw.Error, Is.EqualTo(plain.Error));
        Assert.That(BuildSummary.From(raw).HitRatio, Is.EqualTo(BuildSummary.From(plain).HitRatio));
    }
}
