using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

/// <summary>
/// The step counts from BuildKit's build record and from the progress output of the same captured builds (buildx 0.36.1,
/// BuildKit 0.32.2): the progress output less buildx's own steps (<c>[auth] …</c>, <c>resolving provenance for metadata
/// file</c>) is what BuildKit counts, so both agree; the record wins where they do not, with a warning.
/// </summary>
public sealed class StepCountingTests
{
    private static BuildRecord Record(string file) => BuildRecordParser.Parse(Fixtures.Text(file, Fixtures.Buildx0361));

    private static BuildReport Progress(string file, string version = Fixtures.Buildx0361) =>
        BuildProgress.Parse(Fixtures.Captured(file, version).Lines);

    [TestCase("build-cold-plain.txt", "buildx-history-inspect.json", 9, 0)]
    [TestCase("build-warm-plain.txt", "buildx-history-inspect-warm.json", 9, 2)]
    public void The_record_and_the_progress_of_the_same_build_agree(string progressFile, string recordFile, int steps, int cached)
    {
        var counts = StepCounting.Count(Progress(progressFile), Record(recordFile));

        Assert.That(counts.Source, Is.EqualTo(StepCountSource.BuildRecord));
        Assert.That((counts.Steps, counts.Cached), Is.EqualTo((steps, cached)));
        Assert.That((counts.ProgressSteps, counts.ProgressCached), Is.EqualTo(((int?)steps, (int?)cached)));
        Assert.That(counts.Disagreements, Is.Empty);
        Assert.That(counts.RecordId, Is.EqualTo(Record(recordFile).Ref));
        Assert.That(counts.Completed, Is.EqualTo(9));
    }

    [TestCase("build-cold-rawjson.txt", 0)]
    [TestCase("build-warm-rawjson.txt", 2)]
    public void Rawjson_progress_counts_what_plain_does(string file, int cached)
    {
        // The rawjson pair was captured on its own cache ref; BuildKit saw the same nine vertices.
        var counts = StepCounting.Count(Progress(file), null);

        Assert.That(counts.Source, Is.EqualTo(StepCountSource.Progress));
        Assert.That((counts.Steps, counts.Cached), Is.EqualTo((9, cached)));
    }

    [Test]
    public void Buildx_own_steps_are_not_counted()
    {
        var report = Progress("build-warm-plain.txt");

        Assert.That(report.Steps, Has.Count.EqualTo(11));
        Assert.That(report.Steps.Where(ClientSteps.Contains).Select(step => step.Name), Is.EqualTo(new[]
        {
            "[auth] sharing credentials for 127.0.0.1:5000",
            "resolving provenance for metadata file",
        }));
    }

    [Test]
    public void Where_they_disagree_the_record_counts_and_each_difference_is_named()
    {
        var record = Record("buildx-history-inspect-warm.json") with { TotalSteps = 10, CachedSteps = 3 };

        var counts = StepCounting.Count(Progress("build-warm-plain.txt"), record);

        Assert.That((counts.Steps, counts.Cached), Is.EqualTo((10, 3)));
        Assert.That(counts.Disagreements, Is.EqualTo(new[]
        {
            "BuildKit's build record l4tjehbe06vzj55yjgje4d3tg counts 10 steps, the progress output 9 (less buildx's own steps)",
            "BuildKit's build record l4tjehbe06vzj55yjgje4d3tg counts 3 steps cached, the progress output 2",
        }));
    }

    [Test]
    public void A_record_that_says_failed_while_the_progress_shows_no_error_is_a_disagreement()
    {
        var record = Record("buildx-history-inspect-warm.json") with { Status = "failed", Error = "boom", FailedStep = "[2/2] RUN x" };

        var counts = StepCounting.Count(Progress("build-warm-plain.txt"), record);

        Assert.That(counts.Disagreements.Single(), Is.EqualTo("BuildKit's build record l4tjehbe06vzj55yjgje4d3tg says the build failed: boom, the progress output shows no error"));
        Assert.That(counts.Error, Is.EqualTo("[2/2] RUN x: boom"));
    }

    [Test]
    public void Without_progress_steps_the_record_alone_counts_and_nothing_is_compared()
    {
        var counts = StepCounting.Count(BuildProgress.Parse(string.Empty), Record("buildx-history-inspect-warm.json"));

        Assert.That((counts.Source, counts.Steps, counts.Cached), Is.EqualTo((StepCountSource.BuildRecord, 9, 2)));
        Assert.That(counts.ProgressSteps, Is.Null);
        Assert.That(counts.Disagreements, Is.Empty);
    }

    [Test]
    public void On_buildx_0_10_the_counts_are_the_progress_outputs_with_why()
    {
        var counts = StepCounting.Count(Progress("build-warm-plain.txt", Fixtures.Buildx0105), null, "the metadata file names no build record");

        Assert.That(counts.Source, Is.EqualTo(StepCountSource.Progress));
        Assert.That(counts.Note, Is.EqualTo("the metadata file names no build record"));
        Assert.That(counts.RecordId, Is.Null);
        Assert.That(counts.Steps, Is.GreaterThan(0));
    }

    [Test]
    public void The_text_report_says_where_the_counts_came_from()
    {
        var report = Progress("build-warm-plain.txt");
        var fromRecord = BuildSummary.From(report) with { Counts = StepCounting.Count(report, Record("buildx-history-inspect-warm.json")) };
        var fromProgress = BuildSummary.From(report) with { Counts = StepCounting.Count(report, null, "buildx v0.20.1 has no history inspect --format json") };

        Assert.That(PlainTextReport.Render(fromRecord), Does.Contain(
            "counts:      2 of 9 steps cached, from BuildKit's build record l4tjehbe06vzj55yjgje4d3tg; the progress output counts the same\n"));
        Assert.That(PlainTextReport.Render(fromProgress), Does.Contain(
            "counts:      2 of 9 steps cached, from the progress output (buildx v0.20.1 has no history inspect --format json)\n"));
        Assert.That(MarkdownReport.Render(fromRecord), Does.Contain("- counts: 2 of 9 steps cached, from BuildKit's build record l4tjehbe06vzj55yjgje4d3tg; the progress output counts the same\n"));
    }

    [Test]
    public void The_json_report_carries_the_counts_and_their_source()
    {
        var report = Progress("build-warm-plain.txt");
        using var json = System.Text.Json.JsonDocument.Parse(JsonReport.Render(report, StepCounting.Count(report, Record("buildx-history-inspect-warm.json"))));
        var counts = json.RootElement.GetProperty("counts");

        Assert.That(counts.GetProperty("source").GetString(), Is.EqualTo("buildRecord"));
        Assert.That((counts.GetProperty("steps").GetInt32(), counts.GetProperty("cached").GetInt32()), Is.EqualTo((9, 2)));
        Assert.That((counts.GetProperty("progressSteps").GetInt32(), counts.GetProperty("progressCached").GetInt32()), Is.EqualTo((9, 2)));
        Assert.That(counts.GetProperty("durationSeconds").GetDouble(), Is.EqualTo(0.995));
        Assert.That(counts.GetProperty("recordId").GetString(), Is.EqualTo("l4tjehbe06vzj55yjgje4d3tg"));
        Assert.That(counts.GetProperty("disagreements").GetArrayLength(), Is.Zero);

        using var plain = System.Text.Json.JsonDocument.Parse(JsonReport.Render(report));
        Assert.That(plain.RootElement.GetProperty("counts").GetProperty("source").GetString(), Is.EqualTo("progress"));
    }
}
