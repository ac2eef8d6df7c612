using Cake.BuildxCache.Miss;

namespace Cake.BuildxCache.Tests.Miss;

/// <summary>The Dockerfile outline: instructions, lines, stages and BuildKit's step numbers.</summary>
public sealed class DockerfileOutlineTests
{
    private const string Dockerfile = """
        # syntax=docker/dockerfile:1
        # escape=\

        ARG VERSION=1
        FROM 127.0.0.1:5000/base/busybox:${VERSION} AS Base
        # a comment
        RUN echo a \
            # a comment inside
            && echo b
        ENV X=1
        RUN <<EOF
        FROM not-an-instruction
        EOF
        WORKDIR /w

        FROM base
        COPY . /src

        FROM scratch
        COPY --from=base /w /w
        """;

    [Test]
    public void Numbers_steps_as_BuildKit_does()
    {
        var outline = DockerfileOutline.Parse(Dockerfile);

        Assert.Multiple(() =>
        {
            Assert.That(outline.Stages.Select(stage => (stage.Label(outline.Stages.Count), stage.Line, stage.Steps, stage.BaseStage)), Is.EqualTo(new[]
            {
                ("base", 5, 4, (int?)null),
                ("stage-1", 16, 1, 0),
                ("stage-2", 19, 1, null),
            }));
            Assert.That(outline.StepAt("base", 2, 4)?.Line, Is.EqualTo(7), "the continued RUN starts at line 7");
            Assert.That(outline.StepAt("base", 2, 4)?.Arguments, Is.EqualTo("echo a && echo b"));
            Assert.That(outline.StepAt("base", 3, 4)?.Line, Is.EqualTo(11), "ENV is no step");
            Assert.That(outline.StepAt("base", 4, 4)?.Keyword, Is.EqualTo("WORKDIR"), "a heredoc's body is no instruction");
            Assert.That(outline.StepAt("stage-1", 1, 1)?.Line, Is.EqualTo(17), "a stage from a stage has no FROM step");
            Assert.That(outline.StepAt("stage-2", 1, 1)?.Line, Is.EqualTo(20), "FROM scratch is no step");
            Assert.That(outline.StepAt("base", 2, 5), Is.Null, "another step count: another Dockerfile");
            Assert.That(outline.Instructions[0], Is.EqualTo(new DockerfileInstruction(4, "ARG", "VERSION=1", -1, null)));
        });
    }

    [Test]
    public void A_lone_unnamed_stage_has_no_label()
    {
        var outline = DockerfileOutline.Parse("FROM busybox\nRUN true\n");

        Assert.That(outline.StepAt(string.Empty, 2, 2)?.Keyword, Is.EqualTo("RUN"));
    }

    [Test]
    public void The_escape_directive_changes_the_continuation_character()
    {
        var outline = DockerfileOutline.Parse("# escape=`\nFROM busybox\nRUN echo a `\n  b\nRUN c\n");

        Assert.That(outline.Instructions.Select(i => (i.Line, i.Arguments)), Is.EqualTo(new[] { (2, "busybox"), (3, "echo a b"), (5, "c") }));
    }
}
