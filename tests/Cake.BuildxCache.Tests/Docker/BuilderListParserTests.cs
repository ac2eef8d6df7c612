using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class BuilderListParserTests
{
    [Test]
    public void The_captured_0_10_table_is_read()
    {
        var builders = BuilderListParser.Parse(Fixtures.Captured("buildx-ls.txt").Lines);

        Assert.That(builders.Select(b => (b.Name, b.Driver, b.IsCurrent)), Is.EqualTo(new[]
        {
            ("rig", "docker-container", true),
            ("rig-remote", "remote", false),
            ("default", "docker", false),
        }));
        var remote = builders[1].Nodes.Single();
        Assert.That(remote, Is.EqualTo(remote with { Name = "rig-remote0", Endpoint = "unix:///run/buildkit/buildkitd.sock", Status = "running", BuildkitVersion = "v0.11.6" }));
        Assert.That(remote.Platforms, Has.Count.EqualTo(5).And.Contains("linux/386"));
        Assert.That(builders[2].Nodes.Single().BuildkitVersion, Is.EqualTo("20.10.24+dfsg1"));
    }

    // Constructed from the tree shape newer buildx (0.13+) documents for `ls`. Not captured here.
    [Test]
    public void The_newer_tree_shape_is_read()
    {
        var builders = BuilderListParser.Parse("""
            NAME/NODE           DRIVER/ENDPOINT                   STATUS     BUILDKIT   PLATFORMS
            ci*                 docker-container
             \_ ci0              \_ unix:///var/run/docker.sock   running    v0.13.2    linux/amd64, linux/arm64*
             \_ ci1              \_ tcp://10.0.0.1:1234           inactive
            default             docker
             \_ default          \_ default                       running    v0.12.5    linux/amd64
            """.Split('\n'));

        Assert.That(builders.Select(b => (b.Name, b.IsCurrent)), Is.EqualTo(new[] { ("ci", true), ("default", false) }));
        Assert.That(builders[0].Nodes.Select(n => (n.Name, n.Endpoint, n.Status, n.BuildkitVersion)), Is.EqualTo(new[]
        {
            ("ci0", "unix:///var/run/docker.sock", (string?)"running", (string?)"v0.13.2"),
            ("ci1", "tcp://10.0.0.1:1234", "inactive", null),
        }));
        Assert.That(builders[0].Nodes[0].Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/arm64" }));
    }

    [Test]
    public void The_runner_lists_through_buildx_ls()
    {
        var fixture = new DockerFixture().Answering("buildx-ls.txt");

        var builders = fixture.Context.BuildxLs();

        Assert.That(fixture.Arguments, Is.EqualTo("buildx ls"));
        Assert.That(builders, Has.Count.EqualTo(3));
    }
}
