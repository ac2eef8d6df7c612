using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Tests.Docker;

/// <summary>
/// The builder parsers over both captured versions (buildx 0.10.5 / BuildKit 0.11.6 and buildx 0.36.1 /
/// BuildKit 0.32.2): what must hold for any supported buildx.
/// </summary>
public sealed class BuildxCapturesTests
{
    private static readonly object[] VersionCases =
    [
        new object[] { Fixtures.Buildx0105, "0.10.5", false },
        new object[] { Fixtures.Buildx0361, "0.36.1", true },
    ];

    [TestCaseSource(nameof(VersionCases))]
    public void The_version_answer_parses_and_picks_the_config_flag(string version, string number, bool buildkitdConfig)
    {
        var fixture = new DockerFixture().Answering("buildx-version.txt", version: version);

        var parsed = fixture.Runner((fs, env, pr, tl) => new BuildxVersionRunner(fs, env, pr, tl)).Run(new BuildxVersionSettings());

        Assert.That(parsed.Number, Is.EqualTo(Version.Parse(number)));
        Assert.That(parsed.Text, Is.EqualTo("v" + number));
        Assert.That(parsed.Revision, Has.Length.EqualTo(40));
        Assert.That(parsed.CreateConfigFlag, Is.EqualTo(buildkitdConfig ? BuildxConfigFlag.BuildkitdConfig : BuildxConfigFlag.Config));
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.Versions))]
    public void A_missing_builder_is_null_and_rm_of_it_is_false(string version)
    {
        var inspect = new DockerFixture().Answering("buildx-inspect-missing.txt", onStandardError: true, version: version);
        var rm = new DockerFixture().Answering("buildx-rm-missing.txt", onStandardError: true, version: version);

        Assert.That(inspect.ExitCode, Is.EqualTo(1), "the capture really failed");
        Assert.That(rm.ExitCode, Is.EqualTo(1), "the capture really failed");
        Assert.That(inspect.Context.BuildxInspect("no-such-builder"), Is.Null);
        Assert.That(rm.Context.BuildxRm("fixture-b"), Is.False);
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.Versions))]
    public void Create_answers_the_name_and_rm_says_removed(string version)
    {
        var create = new DockerFixture().Answering("buildx-create.txt", version: version);
        var rm = new DockerFixture().Answering("buildx-rm.txt", version: version);

        Assert.That(create.Context.BuildxCreate(new BuildxCreateSettings { Name = "fixture-b" }), Is.EqualTo("fixture-b"));
        Assert.That(rm.Context.BuildxRm("fixture-b"), Is.True);
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.Versions))]
    public void Bootstrap_progress_is_skipped_and_the_booted_builder_runs(string version)
    {
        var info = BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-bootstrap.txt", version).Lines)!;

        Assert.That(info.Name, Is.EqualTo("fixture-b"));
        Assert.That(info.Driver, Is.EqualTo("docker-container"));
        Assert.That(info.IsRunning, Is.True);
        var node = info.Nodes.Single();
        Assert.That(node.Name, Is.EqualTo("fixture-b0"));
        Assert.That(node.BuildkitVersion, Does.StartWith("v0."));
        Assert.That(node.Platforms, Does.Contain("linux/amd64").And.Contain("linux/386"));
        Assert.That(node.DriverOptions["network"], Is.EqualTo("host"));
    }

    [TestCaseSource(typeof(Fixtures), nameof(Fixtures.Versions))]
    public void An_inactive_builder_has_no_version_and_no_platforms(string version)
    {
        var info = BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-inactive.txt", version).Lines)!;

        var node = info.Nodes.Single();
        Assert.That(info.IsRunning, Is.False);
        Assert.That(node.Status, Is.EqualTo("inactive"));
        Assert.That(node.BuildkitVersion, Is.Null);
        Assert.That(node.Platforms, Is.Empty);
        Assert.That(node.Labels, Is.Empty);
    }

    [Test]
    public void The_running_0_36_builder_is_read_with_its_newer_blocks()
    {
        var info = BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-running.txt", Fixtures.Buildx0361).Lines)!;

        Assert.That((info.Name, info.Driver, info.IsRunning), Is.EqualTo(("fixtures", "docker-container", true)));
        Assert.That(info.LastActivity, Does.EndWith("+0000 UTC"));
        var node = info.Nodes.Single();
        Assert.That(node.Name, Is.EqualTo("fixtures0"));
        Assert.That(node.Endpoint, Is.EqualTo("unix:///var/run/docker.sock"));
        Assert.That(node.BuildkitVersion, Is.EqualTo("v0.32.2"), "0.36 prints `BuildKit version:`, not 0.10's `Buildkit:`");
        Assert.That(node.DaemonFlags, Is.EqualTo("--allow-insecure-entitlement=network.host"));
        Assert.That(node.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/amd64/v2", "linux/amd64/v3", "linux/amd64/v4", "linux/386" }));
        Assert.That(node.DriverOptions, Is.EqualTo(new Dictionary<string, string> { ["network"] = "host" }));
        Assert.That(node.Labels, Has.Count.EqualTo(6), "GC policy rules and the buildkitd.toml block must not leak into labels");
        Assert.That(node.Labels["org.mobyproject.buildkit.worker.snapshotter"], Is.EqualTo("overlayfs"));
        Assert.That(node.Labels["org.mobyproject.buildkit.worker.network"], Is.EqualTo("host"));
        Assert.That(node.Features, Is.Empty, "this BuildKit on a docker-container builder prints no Features block");
        Assert.That(node.Error, Is.Null);
    }

    [Test]
    public void The_0_36_table_is_read_with_the_tree_shape_and_abbreviated_platforms()
    {
        var builders = BuilderListParser.Parse(Fixtures.Captured("buildx-ls.txt", Fixtures.Buildx0361).Lines);

        Assert.That(builders.Select(b => (b.Name, b.Driver, b.IsCurrent)), Is.EqualTo(new[]
        {
            ("fixtures", "docker-container", false),
            ("default", "docker", true),
        }));
        var node = builders[0].Nodes.Single();
        Assert.That((node.Name, node.Endpoint, node.Status, node.BuildkitVersion), Is.EqualTo(("fixtures0", "unix:///var/run/docker.sock", (string?)"running", (string?)"v0.32.2")));
        Assert.That(node.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/386" }), "`linux/amd64 (+4)` names one platform; the other four are only in inspect");
        var engine = builders[1].Nodes.Single();
        Assert.That((engine.Name, engine.Endpoint, engine.BuildkitVersion), Is.EqualTo(("default", "default", (string?)"v0.8+unknown")));
        Assert.That(engine.Platforms, Is.EqualTo(new[] { "linux/amd64", "linux/386" }));
    }

    [Test]
    public void Create_of_an_existing_0_36_builder_throws_with_the_new_wording()
    {
        var fixture = new DockerFixture().Answering("buildx-create-exists.txt", onStandardError: true, version: Fixtures.Buildx0361);

        var error = Assert.Throws<Cake.Core.CakeException>(() => fixture.Context.BuildxCreate(new BuildxCreateSettings { Name = "fixture-b" }));

        Assert.That(error!.Message, Does.EndWith("ERROR: existing instance for \"fixture-b\" but no append mode, specify the node name to make changes for existing instances"));
    }
}
