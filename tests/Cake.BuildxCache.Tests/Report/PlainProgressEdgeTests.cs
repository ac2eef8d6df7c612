using Cake.BuildxCache.Report;

namespace Cake.BuildxCache.Tests.Report;

public sealed class PlainProgressEdgeTests
{
    [TestCase("")]
    [TestCase("\n\n\n")]
    [TestCase("sha256:abc\nrc=0")]
    public void Output_without_progress_lines_gives_an_empty_report(string text)
    {
        var report = BuildProgress.Parse(text);

        Assert.That(report.Steps, Is.Empty);
        Assert.That(report.Error, Is.Null);
        Assert.That(BuildSummary.From(report).HitRatio, Is.Null);
    }

    [Test]
    public void Garbage_never_throws_and_adds_nothing()
    {
        var report = PlainProgressReader.Parse([
            "#", "#x", "# 1 nope", "#99999999999999999999 too big", "#1", "#1 DONE", "#1 DONE abc", "#2 DONE -1s",
            "\u001b[1m\u001b[0m", "\0", "#3 ERROR", "------", " > [stage 1/2]:", "ERROR", null!,
        ]);

        Assert.That(report.Steps.Select(step => (step.Number, step.Name, step.Status)), Is.EqualTo(new[]
        {
            (1, string.Empty, StepStatus.Incomplete),
            (2, "DONE -1s", StepStatus.Incomplete),
            (3, string.Empty, StepStatus.Error),
        }));
    }

    [Test]
    public void Interleaved_concurrent_steps_are_kept_apart()
    {
        var report = PlainProgressReader.Parse("""
            #7 [build 2/3] RUN make
            #7 0.123 compiling a
            #7 ...

            #8 [test 2/2] RUN go test ./...
            #8 0.200 ok
            #8 ...

            #7 [build 2/3] RUN make
            #7 1.200 compiling b
            #7 DONE 3.4s

            #8 [test 2/2] RUN go test ./...
            #8 ERROR: process "/bin/sh -c go test ./..." did not complete successfully: exit code: 1

            #9 [build 3/3] COPY . /app
            #9 CANCELED
            """);

        Assert.That(report.Steps.Select(step => (step.Number, step.Name, step.Stage, step.Status)), Is.EqualTo(new[]
        {
            (7, "[build 2/3] RUN make", (string?)"build", StepStatus.Done),
            (8, "[test 2/2] RUN go test ./...", "test", StepStatus.Error),
            (9, "[build 3/3] COPY . /app", "build", StepStatus.Canceled),
        }));
        Assert.That(report.Steps[0].Duration, Is.EqualTo(TimeSpan.FromSeconds(3.4)));

        var summary = BuildSummary.From(report);
        Assert.That((summary.BuildSteps, summary.Cached, summary.Ran), Is.EqualTo((3, 0, 2)));
        Assert.That(summary.Stages.Select(stage => stage.Stage), Is.EqualTo(new[] { "build", "test" }));
    }

    [Test]
    public void Lines_ending_in_carriage_returns_and_a_late_header_are_read()
    {
        var report = PlainProgressReader.Parse("#4 CACHED\r\n\r\n#4 [stage-1 2/3] COPY a b\r\n#5 [stage-1 3/3] RUN x\r\n#5 DONE 61.25s\r\n");

        Assert.That(report.Steps.Select(step => (step.Name, step.Status)), Is.EqualTo(new[]
        {
            ("[stage-1 2/3] COPY a b", StepStatus.Cached),
            ("[stage-1 3/3] RUN x", StepStatus.Done),
        }));
        Assert.That(report.Steps[1].Duration, Is.EqualTo(TimeSpan.FromSeconds(61.25)));
    }

    [Test]
    public void An_error_sticks_when_the_step_is_reported_again()
    {
        var report = PlainProgressReader.Parse("#3 [a 2/2] RUN x\n#3 ERROR: boom\n#3 DONE 1.0s\n#3 CACHED\n#3 ERROR: second\n");

        Assert.That((report.Steps[0].Status, report.Steps[0].Error), Is.EqualTo((StepStatus.Error, (string?)"boom")));
    }

    [Test]
    public void A_step_read_line_by_line_is_the_same_as_read_at_once()
    {
        var reader = new PlainProgressReader();
        foreach (var line in "#1 [a 1/2] FROM x\n#1 DONE 0.5s\n\n#2 [a 2/2] RUN y\n#2 CACHED".Split('\n'))
        {
            reader.Accept(line + "\n");
        }

        Assert.That(reader.ToReport(), Is.EqualTo(PlainProgressReader.Parse("#1 [a 1/2] FROM x\n#1 DONE 0.5s\n\n#2 [a 2/2] RUN y\n#2 CACHED")).Using<BuildReport>(Same));
    }

    [Test]
    public void The_format_is_told_by_the_first_progress_line()
    {
        Assert.That(BuildProgress.DetectFormat(["WARNING: x", "{\"vertexes\":[]}"]), Is.EqualTo(ProgressFormat.RawJson));
        Assert.That(BuildProgress.DetectFormat(["WARNING: x", "#1 [internal] load", "{"]), Is.EqualTo(ProgressFormat.Plain));
        Assert.That(BuildProgress.DetectFormat([]), Is.EqualTo(ProgressFormat.Plain));
    }

    private static bool Same(BuildReport a, BuildReport b) =>
        a.Format == b.Format && a.Error == b.Error && a.Steps.SequenceEqual(b.Steps);
}
