using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>The real <c>--progress=plain</c> captures of buildx 0.10.5 / BuildKit 0.11.6.</summary>
public sealed class PlainProgressFixtureTests
{
    private static BuildReport Read(string fixture) => BuildProgress.Parse(Fixtures.Captured(fixture).Lines);

    [Test]
    public void The_cold_build_ran_every_real_step_and_could_not_import_its_cache()
    {
        var report = Read("build-cold-plain.txt");

        Assert.That(report.Format, Is.EqualTo(ProgressFormat.Plain));
        Assert.That(report.Steps.Select(step => step.Number), Is.EqualTo(Enumerable.Range(1, 10)));
        Assert.That(report.Steps.Select(step => (step.Kind, step.Stage)), Is.EqualTo(new (StepKind, string?)[]
        {
            (StepKind.Internal, "internal"),
            (StepKind.Internal, "internal"),
            (StepKind.Internal, "internal"),
            (StepKind.Auth, "auth"),
            (StepKind.CacheImport, null),
            (StepKind.BaseImage, "slow"),
            (StepKind.Build, "slow"),
            (StepKind.Build, "stage-1"),
            (StepKind.ImageExport, null),
            (StepKind.CacheExport, null),
        }));

        var run = report.Steps[6];
        Assert.That(run.Name, Is.EqualTo("[slow 2/2] RUN sleep 20 && echo built > /out && date -u > /built-at"));
        Assert.That(run.Status, Is.EqualTo(StepStatus.Done));
        Assert.That(run.Duration, Is.EqualTo(TimeSpan.FromSeconds(20.2)));

        var import = report.CacheImports.Single();
        Assert.That(import.Ref, Is.EqualTo("127.0.0.1:5000/sample/cache:fx22716"));
        Assert.That(import.Imported, Is.False);
        Assert.That(import.Error, Does.StartWith("failed to configure registry cache importer: failed to do request: Head"));
        Assert.That(report.CacheImported, Is.False);
        Assert.That(report.CacheExported, Is.True);
        Assert.That(report.CacheExportErrors, Is.Empty);
        Assert.That(report.Error, Is.Null, "a cache that cannot be read does not fail the build");

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran, summary.HitRatio), Is.EqualTo((2, 0, 2, (double?)0)));
        Assert.That(summary.Stages, Is.EqualTo(new[]
        {
            new StageSummary("slow", 1, 0, 1, TimeSpan.FromSeconds(1.4) + TimeSpan.FromSeconds(20.2)),
            new StageSummary("stage-1", 1, 0, 1, TimeSpan.Zero),
        }));
    }

    [Test]
    public void The_warm_build_took_every_real_step_from_the_imported_cache()
    {
        var report = Read("build-warm-plain.txt");

        var build = report.Steps.Where(step => step.Kind == StepKind.Build).ToList();
        Assert.That(build.Select(step => step.Status), Is.EqualTo(new[] { StepStatus.Cached, StepStatus.Cached }));
        Assert.That(build.Select(step => step.Duration), Is.All.Null);
        Assert.That(report.ImportedCacheRefs, Is.EqualTo(new[] { "127.0.0.1:5000/sample/cache:fx22716" }));
        Assert.That(report.CacheImported, Is.True);
        Assert.That(report.CacheExported, Is.True);

        var from = report.Steps.Single(step => step.Kind == StepKind.BaseImage);
        Assert.That(from.Status, Is.EqualTo(StepStatus.Done), "the base image is resolved, not pulled: DONE, not CACHED");

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran, summary.HitRatio), Is.EqualTo((2, 2, 0, (double?)1)));
        Assert.That(summary.RanSteps, Is.Empty);
        Assert.That(summary.StepTime, Is.EqualTo(TimeSpan.FromSeconds(0.1)));
    }

    [Test]
    public void The_failing_build_names_its_failing_step_and_error()
    {
        var report = Read("build-fail-plain.txt");

        var failed = report.FailedSteps.Single();
        Assert.That(failed.Number, Is.EqualTo(6));
        Assert.That(failed.Name, Is.EqualTo("[2/2] RUN echo compiling && exit 3"));
        Assert.That(failed.Stage, Is.Empty, "a single-stage Dockerfile names no stage");
        Assert.That(failed.Error, Is.EqualTo("process \"/bin/sh -c echo compiling && exit 3\" did not complete successfully: exit code: 3"));
        Assert.That(report.Error, Is.EqualTo("failed to solve: process \"/bin/sh -c echo compiling && exit 3\" did not complete successfully: exit code: 3"));

        // #5 is printed twice (pull, then extract) and ends DONE twice: one step, the last time.
        var from = report.Steps.Single(step => step.Number == 5);
        Assert.That(from.Kind, Is.EqualTo(StepKind.BaseImage));
        Assert.That(from.Duration, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
        Assert.That(report.Steps, Has.Count.EqualTo(6), "the #0 log line and the error box add no steps");

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran), Is.EqualTo((1, 0, 1)));
        Assert.That(summary.Stages.Single().Stage, Is.Empty);
    }

    [Test]
    public void The_cache_export_error_is_recognised()
    {
        var report = Read("build-cache-export-error.txt");

        var export = report.CacheExports.Single();
        Assert.That(export.Name, Is.EqualTo("exporting content cache"));
        Assert.That(export.Status, Is.EqualTo(StepStatus.Error));
        Assert.That(report.CacheExported, Is.False);
        Assert.That(report.CacheExportErrors.Single(), Does.StartWith("error writing layer blob: failed to do request: Head \"http://127.0.0.1:5999/v2/sample/cache/blobs/sha256:3561e88"));
        Assert.That(report.CacheExportErrors.Single(), Does.EndWith("connect: connection refused"));
        Assert.That(report.Error, Does.StartWith("failed to solve: error writing layer blob"));
        Assert.That(report.CacheImports, Is.Empty);

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran), Is.EqualTo((2, 0, 2)));
        Assert.That(report.Steps.Single(step => step.Kind == StepKind.BaseImage).Status, Is.EqualTo(StepStatus.Cached));
    }
}
