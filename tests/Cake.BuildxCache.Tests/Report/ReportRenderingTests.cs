using System.Text.Json;
using Cake.BuildxCache.Report;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Report;

public sealed class ReportRenderingTests
{
    private static BuildSummary Summary(string fixture) => BuildSummary.From(BuildProgress.Parse(Fixtures.Captured(fixture).Lines));

    [Test]
    public void The_warm_build_as_plain_text()
    {
        Assert.That(PlainTextReport.Render(Summary("build-warm-plain.txt")), Is.EqualTo("""
            cache: 2 of 2 build steps cached (100%), 0 ran
            stage    steps  cached  ran  time
            slow         1       1    0  0.0s
            stage-1      1       1    0  0.0s
            total        2       2    0  0.0s
            counts:      2 of 9 steps cached, from the progress output
            time:        0.1s in steps
            cache from:  127.0.0.1:5000/sample/cache:fx22716 (imported)
            cache to:    written

            """));
    }

    [Test]
    public void The_constructed_rawjson_build_as_plain_text_lists_refs_and_the_step_that_ran()
    {
        Assert.That(PlainTextReport.Render(BuildSummary.From(BuildProgress.Parse(ConstructedRawJson.WarmFromMain))), Is.EqualTo("""
            cache: 1 of 2 build steps cached (50%), 1 ran
            stage    steps  cached  ran  time
            slow         1       1    0  0.0s
            stage-1      1       0    1  2.5s
            total        2       1    1  2.5s
            counts:      1 of 9 steps cached, from the progress output
            time:        3.7s wall, 3.7s in steps
            cache from:  registry.example.com/app/cache:main (imported)
                         registry.example.com/app/cache:feature-x (not imported: registry.example.com/app/cache:feature-x: not found)
            cache to:    written
            ran:         [stage-1 2/2] RUN ./configure (2.5s)

            """));
    }

    [Test]
    public void The_failed_build_as_plain_text_ends_with_its_error()
    {
        Assert.That(PlainTextReport.Render(Summary("build-fail-plain.txt")), Is.EqualTo("""
            cache: 0 of 1 build steps cached (0%), 1 ran
            stage      steps  cached  ran  time
            (unnamed)      1       0    1  1.5s
            total          1       0    1  1.5s
            counts:      0 of 5 steps cached, from the progress output
            time:        1.5s in steps
            cache from:  none
            cache to:    not written
            ran:         [2/2] RUN echo compiling && exit 3
            error:       failed to solve: process "/bin/sh -c echo compiling && exit 3" did not complete successfully: exit code: 3

            """));
    }

    [Test]
    public void The_cache_export_error_as_plain_text()
    {
        Assert.That(PlainTextReport.Render(Summary("build-cache-export-error.txt")), Does.Contain(
            "cache to:    failed: error writing layer blob: failed to do request: Head \"http://127.0.0.1:5999/v2/sample/cache/blobs/"));
    }

    [Test]
    public void An_output_without_steps_as_plain_text()
    {
        Assert.That(PlainTextReport.Render(BuildSummary.From(BuildProgress.Parse(string.Empty))), Is.EqualTo("""
            cache: no build steps in the output
            time:        0.0s in steps
            cache from:  none
            cache to:    not written

            """));
    }

    [Test]
    public void The_cold_build_as_markdown()
    {
        Assert.That(MarkdownReport.Render(Summary("build-cold-plain.txt")), Is.EqualTo("""
            **Cache:** 0 of 2 build steps cached (0%), 2 ran

            | stage | steps | cached | ran | time |
            |:--|--:|--:|--:|--:|
            | slow | 1 | 0 | 1 | 21.6s |
            | stage-1 | 1 | 0 | 1 | 0.0s |
            | **total** | **2** | **0** | **2** | **21.6s** |

            - counts: 0 of 9 steps cached, from the progress output
            - time: 21.8s in steps
            - cache from: 127.0.0.1:5000/sample/cache:fx22716 (not imported: failed to configure registry cache importer: failed to do request: Head "https://127.0.0.1:5000/v2/sample/cache/manifests/fx22716": http: server gave HTTP response to HTTPS client)
            - cache to: written
            - ran: `[slow 2/2] RUN sleep 20 && echo built > /out && date -u > /built-at` (20.2s)
            - ran: `[stage-1 2/2] COPY --from=slow /out /built-at /` (0.0s)

            """));
    }

    [TestCase("a|b", @"a\|b")]
    [TestCase("*x* _y_ <z> [l](u) #h `c` \\", @"\*x\* \_y\_ \<z\> \[l\](u) \#h \`c\` \\")]
    public void Markdown_text_is_escaped(string text, string expected) =>
        Assert.That(MarkdownReport.Escape(text), Is.EqualTo(expected));

    [TestCase("RUN x", "`RUN x`")]
    [TestCase("echo `date`", "`` echo `date` ``")]
    [TestCase("a``b", "``` a``b ```")]
    public void Code_spans_fence_around_backticks(string text, string expected) =>
        Assert.That(MarkdownReport.Code(text), Is.EqualTo(expected));

    [Test]
    public void A_small_report_as_json_has_every_documented_property()
    {
        var report = PlainProgressReader.Parse("""
            #1 importing cache manifest from r/cache:main
            #1 DONE 0.1s

            #2 [linux/arm64 build 2/2] RUN make
            #2 DONE 1.25s

            #3 exporting cache to registry
            #3 ERROR: unexpected status: 403 Forbidden
            """) with { Elapsed = TimeSpan.FromSeconds(2) };

        Assert.That(JsonReport.Render(report), Is.EqualTo("""
            {
              "schemaVersion": 1,
              "progressFormat": "plain",
              "summary": {
                "buildSteps": 1,
                "cached": 0,
                "ran": 1,
                "hitRatio": 0,
                "stepTimeSeconds": 1.35,
                "elapsedSeconds": 2
              },
              "counts": {
                "source": "progress",
                "steps": 3,
                "cached": 0,
                "recordId": null,
                "completed": null,
                "durationSeconds": null,
                "status": null,
                "error": null,
                "note": null,
                "progressSteps": 3,
                "progressCached": 0,
                "disagreements": []
              },
              "cache": {
                "imported": [
                  "r/cache:main"
                ],
                "importFailures": [],
                "exported": false,
                "exportErrors": [
                  "unexpected status: 403 Forbidden"
                ]
              },
              "image": null,
              "cacheMiss": null,
              "error": null,
              "stages": [
                {
                  "stage": "linux/arm64 build",
                  "steps": 1,
                  "cached": 0,
                  "ran": 1,
                  "timeSeconds": 1.25
                }
              ],
              "steps": [
                {
                  "number": 1,
                  "name": "importing cache manifest from r/cache:main",
                  "kind": "cacheImport",
                  "stage": null,
                  "platform": null,
                  "status": "done",
                  "durationSeconds": 0.1,
                  "error": null,
                  "digest": null
                },
                {
                  "number": 2,
                  "name": "[linux/arm64 build 2/2] RUN make",
                  "kind": "build",
                  "stage": "build",
                  "platform": "linux/arm64",
                  "status": "done",
                  "durationSeconds": 1.25,
                  "error": null,
                  "digest": null
                },
                {
                  "number": 3,
                  "name": "exporting cache to registry",
                  "kind": "cacheExport",
                  "stage": null,
                  "platform": null,
                  "status": "error",
                  "durationSeconds": null,
                  "error": "unexpected status: 403 Forbidden",
                  "digest": null
                }
              ]
            }

            """));
    }

    [Test]
    public void The_json_of_a_rawjson_build_is_valid_and_keeps_digests_and_wall_time()
    {
        using var document = JsonDocument.Parse(JsonReport.Render(BuildProgress.Parse(ConstructedRawJson.WarmFromMain)));
        var root = document.RootElement;

        Assert.That(root.GetProperty("progressFormat").GetString(), Is.EqualTo("rawjson"));
        Assert.That(root.GetProperty("summary").GetProperty("hitRatio").GetDouble(), Is.EqualTo(0.5));
        Assert.That(root.GetProperty("summary").GetProperty("elapsedSeconds").GetDouble(), Is.EqualTo(3.66));
        Assert.That(root.GetProperty("error").ValueKind, Is.EqualTo(JsonValueKind.Null), "a missing cache ref is not the build's error");
        Assert.That(root.GetProperty("cache").GetProperty("importFailures")[0].GetProperty("ref").GetString(), Is.EqualTo("registry.example.com/app/cache:feature-x"));
        Assert.That(root.GetProperty("steps")[6].GetProperty("digest").GetString(), Is.EqualTo("sha256:7777777777777777777777777777777777777777777777777777777777777777"));
    }

    [TestCase(0.0, "0.0s")]
    [TestCase(0.04, "0.0s")]
    [TestCase(20.25, "20.3s")]
    [TestCase(59.94, "59.9s")]
    [TestCase(59.96, "1m00.0s")]
    [TestCase(125.3, "2m05.3s")]
    [TestCase(3725, "62m05.0s")]
    public void Durations_read_as_buildx_prints_them(double seconds, string expected) =>
        Assert.That(ReportFormatting.Duration(TimeSpan.FromSeconds(seconds)), Is.EqualTo(expected));

    [TestCase(1.0, "100%")]
    [TestCase(0.0, "0%")]
    [TestCase(0.5, "50%")]
    [TestCase(2.0 / 3, "66.6%")]
    [TestCase(0.7999, "79.9%")]
    [TestCase(0.29, "29%")]
    public void Percentages_are_cut_not_rounded(double ratio, string expected) =>
        Assert.That(ReportFormatting.Percent(ratio), Is.EqualTo(expected));

    [Test]
    public void Long_and_multi_line_step_names_are_cut_to_one_line()
    {
        Assert.That(ReportFormatting.OneLine("RUN a \\\n    && b", 100), Is.EqualTo("RUN a \\ && b"));
        Assert.That(ReportFormatting.OneLine(new string('x', 120), 10), Is.EqualTo("xxxxxxxxx…"));
    }
}
