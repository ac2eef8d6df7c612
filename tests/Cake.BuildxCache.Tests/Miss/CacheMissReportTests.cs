using System.Text.Json;
using Cake.BuildxCache.Docker.History;
using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The miss in buildx-report.json, the log's report and the job summary; the base images from BuildKit's record of the build.</summary>
public sealed class CacheMissReportTests
{
    private static readonly CacheMiss Miss = new("[stage-1 2/3] RUN echo \"$GIT_COMMIT\" > /commit", 6, MissCause.BuildArg, "build argument GIT_COMMIT changed since the cache was written (declared at Dockerfile line 5, before the first step that ran)", "r/cache:main");

    private static BuildReport Warm() => BuildProgress.Parse(Fixtures.Text("build-next-commit-plain.txt", Fixtures.Buildx0361).Split('\n'));

    [Test]
    public void The_json_report_carries_the_miss_or_null()
    {
        using var with = JsonDocument.Parse(JsonReport.Render(Warm(), null, null, Miss));
        using var without = JsonDocument.Parse(JsonReport.Render(Warm()));

        var miss = with.RootElement.GetProperty("cacheMiss");
        Assert.Multiple(() =>
        {
            Assert.That(miss.GetProperty("step").GetString(), Is.EqualTo(Miss.Step));
            Assert.That(miss.GetProperty("line").GetInt32(), Is.EqualTo(6));
            Assert.That(miss.GetProperty("cause").GetString(), Is.EqualTo("buildArg"));
            Assert.That(miss.GetProperty("why").GetString(), Does.StartWith("build argument GIT_COMMIT changed"));
            Assert.That(miss.GetProperty("cacheRef").GetString(), Is.EqualTo("r/cache:main"));
            Assert.That(without.RootElement.GetProperty("cacheMiss").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
    }

    [Test]
    public void The_log_and_the_job_summary_name_the_step_and_the_cause()
    {
        var summary = BuildSummary.From(Warm()) with { Miss = Miss };

        Assert.That(PlainTextReport.Render(summary), Does.Contain("first miss:  [stage-1 2/3] RUN echo \"$GIT_COMMIT\" > /commit (Dockerfile line 6): build argument GIT_COMMIT changed"));
        Assert.That(MarkdownReport.Render(summary), Does.Contain("- first miss: `[stage-1 2/3] RUN echo \"$GIT_COMMIT\" > /commit` (Dockerfile line 6): build argument GIT\\_COMMIT changed"));
        Assert.That(PlainTextReport.Render(BuildSummary.From(Warm())), Does.Not.Contain("first miss"));
    }

    [Test]
    public void BuildKits_record_of_the_build_names_the_base_images()
    {
        var record = BuildRecordParser.Parse(Fixtures.Text("buildx-history-inspect.json", Fixtures.Buildx0361));

        Assert.That(record.BaseImages, Is.EqualTo(new Dictionary<string, string>
        {
            ["127.0.0.1:5000/base/busybox:1.35"] = "sha256:2adcbf1f47fff4a64767e657bbb374914ee6f6314b00ab6e04f1d1a74d4576c0",
        }));
        Assert.That(BuildRecordParser.Parse("""{"Ref":"x"}""").BaseImages, Is.Null);
    }
}
