using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.History;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// <c>docker buildx history inspect --format json</c>: the wrapper's command line, and the record read from what
/// buildx 0.36.1 printed for the captured cold and warm builds (<c>buildx-history-inspect*.json</c>).
/// </summary>
public sealed class BuildxHistoryInspectTests
{
    [Test]
    public void The_cold_record_counts_every_step_run()
    {
        var record = BuildRecordParser.Parse(Fixtures.Text("buildx-history-inspect.json", Fixtures.Buildx0361));

        Assert.That(record.Ref, Is.EqualTo("rswly9a1u1ru7enqd1usbjeda"));
        Assert.That((record.TotalSteps, record.CompletedSteps, record.CachedSteps), Is.EqualTo((9, 9, 0)));
        Assert.That(record.Status, Is.EqualTo("completed"));
        Assert.That(record.Succeeded && record.Ended, Is.True);
        Assert.That(record.Duration, Is.EqualTo(TimeSpan.FromTicks(4734870968 / 100)), "nanoseconds in the JSON");
        Assert.That(record.CompletedAt - record.StartedAt, Is.EqualTo(record.Duration).Within(TimeSpan.FromMilliseconds(1)));
        Assert.That((record.Name, record.Error, record.FailedStep), Is.EqualTo(("app", (string?)null, (string?)null)));
    }

    [Test]
    public void The_warm_record_counts_the_steps_taken_from_the_registry_cache()
    {
        var record = BuildRecordParser.Parse(Fixtures.Text("buildx-history-inspect-warm.json", Fixtures.Buildx0361));

        Assert.That((record.TotalSteps, record.CompletedSteps, record.CachedSteps), Is.EqualTo((9, 9, 2)));
        Assert.That(record.Duration!.Value.TotalSeconds, Is.EqualTo(0.995).Within(0.001));
    }

    [Test]
    public void The_record_id_is_the_last_part_of_the_metadata_files_build_ref()
    {
        var metadata = BuildMetadataParser.Parse(Fixtures.Text("build-metadata-warm.json", Fixtures.Buildx0361));
        var record = BuildRecordParser.Parse(Fixtures.Text("buildx-history-inspect-warm.json", Fixtures.Buildx0361));

        Assert.That(metadata.BuildRef, Does.EndWith("/" + record.Ref));
        Assert.That(metadata.BuildRecordId, Is.EqualTo(record.Ref));
        Assert.That(BuildMetadataParser.Parse(Fixtures.Text("build-metadata.json")).BuildRecordId, Is.Null, "buildx 0.10.5 writes no buildx.build.ref");
    }

    [Test]
    public void A_failed_build_record_carries_its_error_and_the_step_that_failed()
    {
        // Constructed in the shape of buildx's inspectOutput (commands/history/inspect.go, v0.36.1): a failed record
        // has Status "failed" and an Error object with the gRPC code, the message and the failing vertex's name.
        const string Json = """
            {"Name":"app","Ref":"f4il3d","Status":"failed","Duration":1500000000,
             "Error":{"Code":2,"Message":"process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3","Name":"[2/2] RUN exit 3","Logs":["#7 0.1 boom"]},
             "NumCompletedSteps":6,"NumTotalSteps":7,"NumCachedSteps":1,"Config":{}}
            """;

        var record = BuildRecordParser.Parse(Json);

        Assert.That(record.Succeeded, Is.False);
        Assert.That(record.Ended, Is.True);
        Assert.That(record.Error, Is.EqualTo("process \"/bin/sh -c exit 3\" did not complete successfully: exit code: 3"));
        Assert.That(record.FailedStep, Is.EqualTo("[2/2] RUN exit 3"));
        Assert.That(record.Duration, Is.EqualTo(TimeSpan.FromSeconds(1.5)));
    }

    [TestCase("")]
    [TestCase("not json")]
    [TestCase("[]")]
    [TestCase("{\"Name\":\"app\"}")]
    public void What_is_not_a_record_is_a_format_error(string json) =>
        Assert.That(() => BuildRecordParser.Parse(json), Throws.InstanceOf<FormatException>());

    [Test]
    public void The_wrapper_asks_the_builder_for_the_record_as_json_and_reads_stdout()
    {
        var fixture = new DockerFixture { Output = File.ReadAllLines(Fixtures.PathOf("buildx-history-inspect-warm.json", Fixtures.Buildx0361)) };
        fixture.Error = ["WARNING: something buildx says on stderr"];

        var record = fixture.Context.BuildxHistoryInspect(new BuildxHistoryInspectSettings { Builder = "ci", Ref = "l4tjehbe06vzj55yjgje4d3tg" });

        Assert.That(fixture.Arguments, Is.EqualTo("buildx history inspect --builder \"ci\" --format \"json\" \"l4tjehbe06vzj55yjgje4d3tg\""));
        Assert.That(record.CachedSteps, Is.EqualTo(2));
    }

    [Test]
    public void A_missing_record_fails_with_what_buildx_said()
    {
        var fixture = new DockerFixture { ExitCode = 1, Error = ["ERROR: no record found for ref \"nope\""] };

        Assert.That(
            () => fixture.Context.BuildxHistoryInspect("nope"),
            Throws.InstanceOf<CakeException>().With.Message.Contains("no record found for ref"));
        Assert.That(fixture.Arguments, Is.EqualTo("buildx history inspect --format \"json\" \"nope\""));
    }

    [Test]
    public void The_json_format_came_with_buildx_0_21_which_the_captured_0_36_help_lists()
    {
        Assert.That(BuildxHistoryFlags.InspectFormat.BuildxSince, Is.EqualTo(new Version(0, 21, 0)));
        Assert.That(BuildxHistoryFlags.InspectFormat.IsKnownTo(BuildxVersion.Parse("github.com/docker/buildx v0.20.1 abc")), Is.False);
        Assert.That(BuildxHistoryFlags.InspectFormat.IsKnownTo(BuildxVersion.Parse(string.Join('\n', Fixtures.Captured("buildx-version.txt", Fixtures.Buildx0361).Lines))), Is.True);
        Assert.That(Fixtures.Text("buildx-history-help.txt", Fixtures.Buildx0361), Does.Contain("inspect"));
    }
}
