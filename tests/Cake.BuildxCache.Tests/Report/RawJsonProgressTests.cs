using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Report;

/// <summary><c>--progress=rawjson</c>, against the hand-made <see cref="ConstructedRawJson"/> sample and variations (the real captures: <see cref="RawJsonCaptureTests"/>).</summary>
public sealed class RawJsonProgressTests
{
    private const string Digest1 = "sha256:1111111111111111111111111111111111111111111111111111111111111111";

    [Test]
    public void The_constructed_sample_is_detected_as_rawjson_and_merged_by_digest()
    {
        var report = BuildProgress.Parse(ConstructedRawJson.WarmFromMain);

        Assert.That(report.Format, Is.EqualTo(ProgressFormat.RawJson));
        Assert.That(report.Steps.Select(step => (step.Number, step.Kind, step.Status)), Is.EqualTo(new[]
        {
            (1, StepKind.Internal, StepStatus.Done),
            (2, StepKind.Auth, StepStatus.Done),
            (3, StepKind.Internal, StepStatus.Done),
            (4, StepKind.CacheImport, StepStatus.Error),
            (5, StepKind.CacheImport, StepStatus.Done),
            (6, StepKind.BaseImage, StepStatus.Done),
            (7, StepKind.Build, StepStatus.Cached),
            (8, StepKind.Build, StepStatus.Done),
            (9, StepKind.ImageExport, StepStatus.Done),
            (10, StepKind.CacheExport, StepStatus.Done),
        }));
        Assert.That(report.Steps[0].Digest, Is.EqualTo(Digest1));
        Assert.That(report.Steps[6].Name, Is.EqualTo("[slow 2/2] RUN sleep 20 && echo built > /out"));
        Assert.That(report.Steps[7].Duration, Is.EqualTo(TimeSpan.FromSeconds(2.5)));
        Assert.That(report.Steps[0].Duration, Is.EqualTo(TimeSpan.FromTicks(305123)), "nanoseconds cut to .NET's 100 ns ticks");
        Assert.That(report.Elapsed, Is.EqualTo(TimeSpan.FromSeconds(3.66)));
    }

    [Test]
    public void The_constructed_sample_imported_mains_cache_but_not_the_missing_branch_ref()
    {
        var report = BuildProgress.Parse(ConstructedRawJson.WarmFromMain);

        Assert.That(report.ImportedCacheRefs, Is.EqualTo(new[] { "registry.example.com/app/cache:main" }));
        Assert.That(report.CacheImports[0], Is.EqualTo(new CacheImport("registry.example.com/app/cache:feature-x", false, "registry.example.com/app/cache:feature-x: not found")));
        Assert.That(report.CacheExported, Is.True);

        var summary = BuildSummary.From(report);
        Assert.That((summary.Cached, summary.Ran, summary.HitRatio), Is.EqualTo((1, 1, (double?)0.5)));
        Assert.That(summary.RanSteps.Single().Name, Is.EqualTo("[stage-1 2/2] RUN ./configure"));
    }

    [Test]
    public void Go_field_names_without_json_tags_are_read_too()
    {
        var report = RawJsonProgressReader.Parse("""
            {"Vertexes":[{"Digest":"sha256:aa","Name":"[build 2/3] RUN make","Started":"2026-11-22T10:00:00Z","Completed":"2026-11-22T10:00:04.5Z"}]}
            """);

        var step = report.Steps.Single();
        Assert.That((step.Name, step.Kind, step.Stage, step.Status), Is.EqualTo(("[build 2/3] RUN make", StepKind.Build, (string?)"build", StepStatus.Done)));
        Assert.That(step.Duration, Is.EqualTo(TimeSpan.FromSeconds(4.5)));
    }

    [Test]
    public void A_failed_and_a_canceled_vertex_are_told_apart_and_the_buildx_error_line_is_kept()
    {
        var report = BuildProgress.Parse("""
            {"vertexes":[{"digest":"sha256:a1","name":"[build 2/3] RUN make","started":"2026-11-22T10:00:00Z","completed":"2026-11-22T10:00:01Z","error":"process \"/bin/sh -c make\" did not complete successfully: exit code: 2"}]}
            {"vertexes":[{"digest":"sha256:b2","name":"[test 2/2] RUN go test ./...","started":"2026-11-22T10:00:00Z","completed":"2026-11-22T10:00:01Z","error":"context canceled"}]}
            ERROR: failed to solve: process "/bin/sh -c make" did not complete successfully: exit code: 2
            """);

        Assert.That(report.Steps.Select(step => step.Status), Is.EqualTo(new[] { StepStatus.Error, StepStatus.Canceled }));
        Assert.That(report.FailedSteps.Single().Error, Is.EqualTo("process \"/bin/sh -c make\" did not complete successfully: exit code: 2"));
        Assert.That(report.Error, Is.EqualTo("failed to solve: process \"/bin/sh -c make\" did not complete successfully: exit code: 2"));
        Assert.That(BuildSummary.From(report).Ran, Is.EqualTo(1), "a canceled step neither ran nor was cached");
    }

    [Test]
    public void Garbage_cut_lines_and_wrong_types_are_ignored()
    {
        var report = RawJsonProgressReader.Parse(
            "WARNING: No output specified\n"
            + "{\"vertexes\":[{\"digest\":\"sha256:a1\",\"name\":\"[build 2/3] RUN make\",\"started\":\"2026-11-22T10:00:00Z\"}]}\n"
            + "{\"vertexes\":[{\"digest\":\"sha256:a1\",\"name\":\"[build 2/3]\n"
            + "{\"vertexes\":\"not an array\"}\n"
            + "{\"vertexes\":[{\"digest\":42},{\"name\":\"no digest\"},{\"digest\":\"sha256:a1\",\"cached\":\"yes\",\"started\":\"yesterday\"}]}\n"
            + "[1,2,3]\n"
            + "{}\n");

        var step = report.Steps.Single();
        Assert.That((step.Name, step.Status, step.Duration), Is.EqualTo(("[build 2/3] RUN make", StepStatus.Incomplete, (TimeSpan?)null)));
        Assert.That(report.Elapsed, Is.Null);
    }

    [Test]
    public void A_cache_export_under_an_unknown_name_is_recognised_by_its_status()
    {
        var report = RawJsonProgressReader.Parse("""
            {"vertexes":[{"digest":"sha256:c1","name":"sending cache somewhere new","started":"2026-11-22T10:00:00Z"}],"statuses":[{"id":"x","vertex":"sha256:c1","name":"preparing build cache for export"}]}
            {"vertexes":[{"digest":"sha256:c1","name":"sending cache somewhere new","started":"2026-11-22T10:00:00Z","completed":"2026-11-22T10:00:01Z","error":"unexpected status: 403 Forbidden"}]}
            """);

        Assert.That(report.Steps.Single().Kind, Is.EqualTo(StepKind.CacheExport));
        Assert.That(report.CacheExportErrors, Is.EqualTo(new[] { "unexpected status: 403 Forbidden" }));
    }
}
