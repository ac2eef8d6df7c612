using Cake.BuildxCache.Docker.Buildx;
using Cake.Core;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class BuildxInspectTests
{
    private static BuildxInspectRunner Runner(DockerFixture fixture) =>
        fixture.Runner((fs, env, pr, tl) => new BuildxInspectRunner(fs, env, pr, tl));

    [Test]
    public void Inspects_the_named_builder_with_bootstrap()
    {
        var fixture = new DockerFixture().Answering("buildx-inspect-bootstrap.txt");

        var info = Runner(fixture).Run(new BuildxInspectSettings { Builder = "fixture-b", Bootstrap = true });

        Assert.That(fixture.Arguments, Is.EqualTo("buildx inspect --bootstrap \"fixture-b\""));
        Assert.That(info!.Name, Is.EqualTo("fixture-b"));
    }

    [Test]
    public void Without_a_name_the_current_builder_is_inspected()
    {
        var fixture = new DockerFixture().Answering("buildx-inspect-running.txt");

        Runner(fixture).Run(new BuildxInspectSettings());

        Assert.That(fixture.Arguments, Is.EqualTo("buildx inspect"));
    }

    [Test]
    public void A_missing_builder_is_null_not_an_exception()
    {
        var fixture = new DockerFixture().Answering("buildx-inspect-missing.txt", onStandardError: true);

        var info = Runner(fixture).Run(new BuildxInspectSettings { Builder = "no-such-builder" });

        Assert.That(info, Is.Null);
        Assert.That(fixture.ExitCode, Is.EqualTo(1), "the fixture really failed");
    }

    [Test]
    public void Another_failure_still_throws()
    {
        var fixture = new DockerFixture { Error = ["ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock"], ExitCode = 1 };

        var error = Assert.Throws<CakeException>(() => Runner(fixture).Run(new BuildxInspectSettings { Builder = "ci" }));

        Assert.That(error!.Message, Is.EqualTo(
            "docker buildx inspect ci failed (exit code 1): ERROR: Cannot connect to the Docker daemon at unix:///var/run/docker.sock"));
    }

    [Test]
    public void The_alias_returns_null_for_a_missing_builder()
    {
        var fixture = new DockerFixture().Answering("buildx-inspect-missing.txt", onStandardError: true);

        Assert.That(fixture.Context.BuildxInspect("no-such-builder"), Is.Null);
        Assert.That(fixture.Arguments, Is.EqualTo("buildx inspect \"no-such-builder\""));
    }
}
