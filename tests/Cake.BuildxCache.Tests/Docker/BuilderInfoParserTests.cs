using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Tests.Docker;

public sealed class BuilderInfoParserTests
{
    [Test]
    public void The_running_0_10_builder_is_read_with_its_node()
    {
        var info = BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-running.txt").Lines)!;

        Assert.That(info.Name, Is.EqualTo("rig"));
        Assert.That(info.Driver, Is.EqualTo("docker-container"));
        Assert.That(info.LastActivity, Is.EqualTo("2026-11-22 16:09:53 +0000 UTC"));
        Assert.That(info.IsRunning, Is.True);
        var node = info.Nodes.Single();
        Assert.That(node.Name, Is.EqualTo("rig0"));
        Assert.That(node.Endpoint, Is.EqualTo("unix:///var/run/docker.sock"));
        Assert.That(node.Status, Is.EqualTo("running"));
        Assert.That(node.BuildkitVersion, Is.EqualTo("v0.11.6"));
        Assert.That(node.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/amd64/v2", "linux/amd64/v3", "linux/amd64/v4", "linux/386" }));
        Assert.That(node.DriverOptions, Is.EqualTo(new Dictionary<string, string> { ["image"] = "local/buildkit:v0.11.6", ["network"] = "host" }));
    }

    [Test]
    public void An_inactive_builder_has_no_version_and_no_platforms()
    {
        var info = BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-inactive.txt").Lines)!;

        var node = info.Nodes.Single();
        Assert.That(info.IsRunning, Is.False);
        Assert.That(node.Status, Is.EqualTo("inactive"));
        Assert.That(node.BuildkitVersion, Is.Null);
        Assert.That(node.Platforms, Is.Empty);
        Assert.That(node.DriverOptions["image"], Is.EqualTo("local/buildkit:v0.11.6"));
    }

    [Test]
    public void Bootstrap_progress_before_the_builder_is_skipped()
    {
        var info = BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-bootstrap.txt").Lines)!;

        Assert.That(info.Name, Is.EqualTo("fixture-b"));
        Assert.That(info.Nodes.Select(n => (n.Name, n.Status)), Is.EqualTo(new[] { ("fixture-b0", "running") }));
    }

    // Constructed from the newer shape buildx documents (0.13+): `BuildKit version:`, daemon flags,
    // Labels, Features, Devices and GC Policy blocks. Not captured here.
    private const string NewerShape = """
        Name:          ci
        Driver:        docker-container
        Last Activity: 2025-07-10 08:18:09 +0000 UTC

        Nodes:
        Name:                  ci0
        Endpoint:              ci-context
        Driver Options:        env.http_proxy="http://proxy:3128" image="moby/buildkit:v0.23.2" network="host"
        Status:                running
        BuildKit daemon flags: --allow-insecure-entitlement=network.host
        BuildKit version:      v0.23.2
        Platforms:             linux/amd64, linux/amd64/v2, linux/arm64*
        Labels:
         org.mobyproject.buildkit.worker.executor:         oci
         org.mobyproject.buildkit.worker.hostname:         d6aa9cbe8462
         org.mobyproject.buildkit.worker.snapshotter:      overlayfs
        Features:
         Automatically load images to the Docker Engine image store: true
         Cache export:                                                true
        Devices:
         Name:      nvidia.com/gpu
         On-Demand: true
        GC Policy rule#0:
         All:            false
         Filters:        type==source.local,type==exec.cachemount,type==source.git.checkout
         Keep Duration:  48h0m0s
         Max Used Space: 488.3MiB
        GC Policy rule#1:
         All:            false
         Keep Duration:  1440h0m0s
         Reserved Space: 9.313GiB

        Name:     ci1
        Endpoint: tcp://10.0.0.1:1234
        Error:    Get "http://10.0.0.1:1234/": context deadline exceeded
        """;

    [Test]
    public void The_newer_shape_is_read_including_its_blocks()
    {
        var info = BuilderInfoParser.Parse(NewerShape.Split('\n'))!;

        Assert.That(info.Nodes.Select(n => n.Name), Is.EqualTo(new[] { "ci0", "ci1" }));
        var node = info.Nodes[0];
        Assert.That(node.BuildkitVersion, Is.EqualTo("v0.23.2"));
        Assert.That(node.DaemonFlags, Is.EqualTo("--allow-insecure-entitlement=network.host"));
        Assert.That(node.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/amd64/v2", "linux/arm64" }));
        Assert.That(node.DriverOptions["env.http_proxy"], Is.EqualTo("http://proxy:3128"));
        Assert.That(node.Labels["org.mobyproject.buildkit.worker.snapshotter"], Is.EqualTo("overlayfs"));
        Assert.That(node.Labels, Has.Count.EqualTo(3), "GC policy and device lines must not leak into labels");
        Assert.That(node.Features, Is.EqualTo(new Dictionary<string, string>
        {
            ["Automatically load images to the Docker Engine image store"] = "true",
            ["Cache export"] = "true",
        }));
        Assert.That(node.Name, Is.EqualTo("ci0"), "a Devices block's `Name:` is not a new node");
    }

    [Test]
    public void A_node_buildx_cannot_reach_carries_its_error()
    {
        var node = BuilderInfoParser.Parse(NewerShape.Split('\n'))!.Nodes[1];

        Assert.That(node.Error, Is.EqualTo("Get \"http://10.0.0.1:1234/\": context deadline exceeded"));
        Assert.That(node.Status, Is.Null);
        Assert.That(node.IsRunning, Is.False);
    }

    [Test]
    public void Text_without_a_builder_gives_null()
    {
        Assert.That(BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-missing.txt").Lines), Is.Null);
    }

    [Test]
    public void Driver_options_unquote_go_escapes()
    {
        var options = BuilderInfoParser.ParseDriverOptions("image=\"a \\\"b\\\"\" network=host");

        Assert.That(options["image"], Is.EqualTo("a \"b\""));
        Assert.That(options["network"], Is.EqualTo("host"));
    }
}
