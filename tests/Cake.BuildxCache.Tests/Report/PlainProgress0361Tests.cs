using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>The real <c>--progress=plain</c> captures of buildx 0.36.1 / BuildKit 0.32.2.</summary>
public sealed class PlainProgress0361Tests
{
    private const string CacheRef = "127.0.0.1:5000/sample/cache:fixture";

    private static BuildReport Read(string fixture) => BuildProgress.Parse(Fixtures.Captured(fixture, Fixtures.Buildx0361).Lines);

    [Test]
    public void The_cold_build_ran_both_steps_and_found_no_cache_to_import()
    {
        var report = Read("build-cold-plain.txt");

        Assert.That(report.Format, Is.EqualTo(ProgressFormat.Plain));
        Assert.That(report.Steps.Select(step => step.Number), Is.EqualTo(Enumerable.Range(1, 11)), "the `#0 building with …` line is no step");
        Assert.That(report.Steps.Select(step => step.Kind), Is.EqualTo(new[]
        {
            StepKind.Internal,
            StepKind.Auth,
            StepKind.Internal,
            StepKind.Internal,
            StepKind.CacheImport,
            StepKind.BaseImage,
            StepKind.Build,
            StepKind.Build,
            StepKind.ImageExport,
            StepKind.CacheExport,
            StepKind.Metadata,
        }));
        Assert.That(report.Steps[9].Name, Is.EqualTo("exporting cache to registry"), "0.11 named it `exporting content cache`");
        Assert.That(report.Steps[10].Name, Is.EqualTo("resolving provenance for metadata file"));

        var run = report.Steps[6];
        Assert.That(run.Name, Is.EqualTo("[slow 2/2] RUN sleep 3 && echo built > /out && date -u > /built-at"));
        Assert.That((run.Status, run.Duration), Is.EqualTo((StepStatus.Done, (TimeSpan?)TimeSpan.FromSeconds(3.2))));

        var import = report.CacheImports.Single();
        Assert.That(import, Is.EqualTo(new CacheImport(CacheRef, false, "failed to configure registry cache importer: " + CacheRef + ": not found")));
        Assert.That((report.CacheImported, report.CacheExported, report.Error), Is.EqualTo((false, true, (string?)null)));

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran, summary.HitRatio), Is.EqualTo((2, 0, 2, (double?)0)));
    }

    [Test]
    public void The_warm_build_took_both_steps_from_the_imported_registry_cache()
    {
        var report = Read("build-warm-plain.txt");

        var build = report.Steps.Where(step => step.Kind == StepKind.Build).ToList();
        Assert.That(build.Select(step => (step.Name, step.Status)), Is.EqualTo(new[]
        {
            ("[slow 2/2] RUN sleep 3 && echo built > /out && date -u > /built-at", StepStatus.Cached),
            ("[stage-1 2/2] COPY --from=slow /out /built-at /", StepStatus.Cached),
        }));
        Assert.That(report.ImportedCacheRefs, Is.EqualTo(new[] { CacheRef }));
        Assert.That((report.CacheImported, report.CacheExported, report.Error), Is.EqualTo((true, true, (string?)null)));

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran, summary.HitRatio), Is.EqualTo((2, 2, 0, (double?)1)));
        Assert.That(CacheHitRequirement.Check(report, 100).Passed, Is.True);
    }

    [Test]
    public void The_failing_build_names_its_step_and_buildx_error()
    {
        var report = Read("build-fail-plain.txt");

        var failed = report.FailedSteps.Single();
        Assert.That((failed.Number, failed.Name, failed.Stage), Is.EqualTo((6, "[2/2] RUN echo compiling && exit 3", (string?)string.Empty)));
        Assert.That(failed.Error, Is.EqualTo("process \"/bin/sh -c echo compiling && exit 3\" did not complete successfully: exit code: 3"));
        Assert.That(report.Error, Is.EqualTo("failed to build: failed to solve: process \"/bin/sh -c echo compiling && exit 3\" did not complete successfully: exit code: 3"));
        Assert.That(report.Steps, Has.Count.EqualTo(6), "log lines `#6 0.087 compiling` and the error box add no steps");
    }

    [Test]
    public void A_missing_dockerfile_fails_before_any_build_step()
    {
        var report = Read("build-missing-dockerfile.txt");

        Assert.That(report.Steps.Single().Name, Is.EqualTo("[internal] load build definition from Nope.Dockerfile"));
        Assert.That(report.FailedSteps, Is.Empty);
        Assert.That(report.Error, Is.EqualTo("failed to build: failed to solve: failed to read dockerfile: open Nope.Dockerfile: no such file or directory"));
    }

    [TestCase("build-cache-export-error.txt", "error writing layer blob: failed to do request: Head \"http://127.0.0.1:5999/v2/sample/cache/blobs/sha256:", "connect: connection refused")]
    [TestCase("build-cache-export-readonly.txt", "error writing layer blob: unexpected status from POST request to http://127.0.0.1:5001/v2/sample/cache/blobs/uploads/", "405 Method Not Allowed: Method not allowed")]
    public void A_cache_export_error_is_recognised(string fixture, string start, string end)
    {
        var report = Read(fixture);

        var export = report.CacheExports.Single();
        Assert.That((export.Name, export.Status), Is.EqualTo(("exporting cache to registry", StepStatus.Error)));
        Assert.That(report.CacheExported, Is.False);
        Assert.That(report.CacheExportErrors.Single(), Does.StartWith(start).And.EndWith(end));
        Assert.That(report.Error, Does.StartWith("failed to build: failed to solve: error writing layer blob"));
        Assert.That(report.CacheImports, Is.Empty);
    }

    [Test]
    public void The_docker_driver_refuses_a_cache_export_before_building()
    {
        var report = Read("build-docker-driver-cache-error.txt");

        Assert.That(report.Steps, Is.Empty);
        Assert.That(report.Error, Is.EqualTo("failed to build: Cache export is not supported for the docker driver."));
    }
}
