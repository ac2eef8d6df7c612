using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// A builder of two remote nodes (<c>--builder-node</c>), two real BuildKit daemons on 127.0.0.1: node 0 takes
/// linux/amd64, node 1 linux/386 (both native on this x86_64 machine). One Publish builds both platforms; each node's
/// build history says which platform it built. Changing the nodes recreates the builder, and only it.
/// </summary>
public sealed class MultiNodeBuilderTests() : RealStackFixture("nodes")
{
    private readonly List<BuildkitDaemon> _daemons = [];
    private int _started;

    [TearDown]
    public void RemoveDaemons()
    {
        foreach (var daemon in _daemons)
        {
            daemon.Dispose();
        }

        _daemons.Clear();
    }

    [Test]
    public void Two_nodes_build_one_platform_each_and_a_changed_node_recreates_the_builder()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImage));
        var amd64 = Start(0);
        var i386 = Start(1);
        var job = Scene.GitLab().Branch("main", "main");
        string[] nodes = ["--builder-driver=remote", $"--builder-node={amd64.Endpoint},platform=linux/amd64", $"--builder-node={i386.Endpoint},platform=linux/386"];

        var plan = Scene.RunWithBuilder(job, nodes, "--target=Plan", "--platform=linux/amd64,linux/386");
        Assert.That(plan.ExitCode, Is.EqualTo(0), plan.ToString());
        Assert.That(plan.Output, Does.Contain(
            $"  builder nodes (2):\n"
            + $"                  {Scene.Builder}0: remote BuildKit daemon {amd64.Endpoint} (no TLS); platforms linux/amd64\n"
            + $"                  {Scene.Builder}1: remote BuildKit daemon {i386.Endpoint} (no TLS); platforms linux/386\n"));

        var publish = Scene.RunWithBuilder(job, nodes, "--target=Publish", "--platform=linux/amd64,linux/386");

        Assert.That(publish.ExitCode, Is.EqualTo(0), publish.ToString());
        Assert.That(Scene.Calls("buildx", "create"), Is.EqualTo(new[]
        {
            new[] { "buildx", "create", "--name", Scene.Builder, "--driver", "remote", "--platform", "linux/amd64", "--bootstrap", amd64.Endpoint },
            new[] { "buildx", "create", "--name", Scene.Builder, "--driver", "remote", "--platform", "linux/386", "--node", Scene.Builder + "1", "--append", "--bootstrap", i386.Endpoint },
        }));
        var inspect = Scene.Docker("buildx", "inspect", Scene.Builder);
        TestContext.Out.WriteLine(inspect.StandardOutput);
        Assert.That(inspect.StandardOutput, Does.Contain("Endpoint:         " + amd64.Endpoint).And.Contain("Endpoint:         " + i386.Endpoint));

        // Which node built which platform: each node's build history, and the platform of each record.
        var built = BuiltPlatforms();
        Assert.That(built, Is.EquivalentTo(new[] { (Scene.Builder + "0", "linux/amd64"), (Scene.Builder + "1", "linux/386") }), string.Join("; ", built));
        var index = System.Text.Json.Nodes.JsonNode.Parse(Registry.Manifest(Scene.Project, "main")!)!;
        var platforms = index["manifests"]!.AsArray().Select(manifest => manifest!["platform"]).Where(platform => platform is not null && (string?)platform["os"] != "unknown")
            .Select(platform => $"{platform!["os"]}/{platform["architecture"]}");
        Assert.That(platforms, Is.EquivalentTo(new[] { "linux/amd64", "linux/386" }), index.ToJsonString());

        // One node dropped: the builder is removed and created again with the one node, and nothing else is removed.
        string[] oneNode = ["--builder-driver=remote", $"--builder-node={amd64.Endpoint},platform=linux/amd64"];
        var changed = Scene.RunWithBuilder(job, oneNode, "--target=EnsureBuilder");

        Assert.That(changed.ExitCode, Is.EqualTo(0), changed.ToString());
        Assert.That(changed.Output, Does.Contain($"Recreating builder {Scene.Builder}: it has 2 node(s) ({Scene.Builder}0, {Scene.Builder}1), the plan 1."));
        Assert.That(Scene.Calls("buildx", "rm"), Is.EqualTo(new[] { new[] { "buildx", "rm", Scene.Builder } }));
        var after = Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput;
        Assert.That(after, Does.Contain("Endpoint:         " + amd64.Endpoint).And.Not.Contain(i386.Endpoint));
        Assert.That(ProcessRunner.Run(Tools.Docker, ["inspect", "--format", "{{.State.Running}}", i386.Name]).StandardOutput.Trim(), Is.EqualTo("true"), "the daemon of the node dropped is not the builder's to stop");
    }

    /// <summary>
    /// One Publish of two platforms on two nodes writes one cache ref per platform (<c>main-linux-amd64</c>,
    /// <c>main-linux-386</c>), each holding its node's cache: a fresh pair of nodes then builds both platforms with no step
    /// run. The same build with one shared ref (<c>--cache-scope=shared</c>: every node gets the same <c>--cache-to</c>, as
    /// with plain buildx) leaves the fresh pair steps to run again.
    /// </summary>
    [Test]
    public void A_two_node_build_writes_a_cache_ref_per_platform_that_a_fresh_pair_of_nodes_builds_from_with_no_step_run()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImage));
        var job = Scene.GitLab().Branch("main", "main");

        var cold = PublishOnFreshNodes(job);
        Assert.That(cold.Output, Does.Contain($"cache of linux/amd64: exported to {Scene.Image}/cache:main-linux-amd64")
            .And.Contain($"cache of linux/386: exported to {Scene.Image}/cache:main-linux-386"), cold.ToString());
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EquivalentTo(new[] { "main-linux-amd64", "main-linux-386" }), "one ref per platform, none shared");

        var warm = PublishOnFreshNodes(job);
        var report = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"per-platform refs: cold {cold.Elapsed.TotalSeconds:0.0} s, fresh nodes {warm.Elapsed.TotalSeconds:0.0} s; {report}");
        Assert.That(report.Ran, Is.Zero, "both platforms from their own refs: " + report);
        Assert.That(report.Imported, Is.EquivalentTo(new[] { $"{Scene.Image}/cache:main-linux-amd64", $"{Scene.Image}/cache:main-linux-386" }), report.ToString());

        // The same with one ref every node writes: the fresh pair runs again what the node that exported first had built.
        PublishOnFreshNodes(job, "--cache-scope=shared");
        PublishOnFreshNodes(job, "--cache-scope=shared");
        var shared = ReportFile.Read(Scene.Workspace);
        TestContext.Out.WriteLine($"one shared ref, fresh nodes: {shared}");
        Assert.That(shared.Ran, Is.GreaterThan(0), "one shared ref keeps only the last node's cache: " + shared);
    }

    /// <summary>
    /// <c>--cache-promote</c> on a two-node build: each platform's cache-only build writes its own commit ref, and each
    /// is promoted to its platform's branch ref, whose record then names this commit; a fresh pair of nodes builds from
    /// the branch refs with no step run.
    /// </summary>
    [Test]
    public void Under_cache_promote_each_platform_writes_its_commit_ref_and_promotes_it_to_its_branch_ref()
    {
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(EndToEndSetUp.TwoPlatformBaseImage));
        var job = Scene.GitLab().Branch("main", "main");
        var sha = Scene.Workspace.Sha;

        var run = PublishOnFreshNodes(job, "--cache-promote");

        foreach (var platform in new[] { "linux/amd64", "linux/386" })
        {
            var branchTag = "main-" + platform.Replace('/', '-');
            var branchRef = $"{Scene.Image}/cache:{branchTag}";
            Assert.That(run.Output, Does.Contain($"cache of {platform}: exported to {branchRef}-{sha[..8]}"), run.ToString());
            Assert.That(run.Output, Does.Contain($"cache promote: {branchRef} holds {sha[..8]}"), run.ToString());
            var manifest = Registry.Manifest(Scene.CacheRepository, branchTag);
            Assert.That(manifest, Is.Not.Null, branchRef);
            Assert.That(RecordedManifest.Read(System.Text.Encoding.UTF8.GetBytes(manifest!))?.Commit, Is.EqualTo(sha), "the branch ref holds this commit's cache: " + manifest);
        }

        Assert.That(
            Registry.Tags(Scene.CacheRepository),
            Is.EquivalentTo(new[] { "main-linux-amd64", "main-linux-386", $"main-linux-amd64-{sha[..8]}", $"main-linux-386-{sha[..8]}" }),
            "a commit ref and a branch ref per platform, none shared");
        PublishOnFreshNodes(job, "--cache-promote");
        var warm = ReportFile.Read(Scene.Workspace);
        Assert.That(warm.Ran, Is.Zero, "both platforms from their promoted branch refs: " + warm);
    }

    private BuildRun PublishOnFreshNodes(Dictionary<string, string> job, params string[] arguments)
    {
        RemoveDaemons();
        var amd64 = Start(_started++);
        var i386 = Start(_started++);
        string[] nodes = ["--builder-driver=remote", $"--builder-node={amd64.Endpoint},platform=linux/amd64", $"--builder-node={i386.Endpoint},platform=linux/386"];
        var run = Scene.RunWithBuilder(job, nodes, ["--target=Publish", "--platform=linux/amd64,linux/386", .. arguments]);
        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        return run;
    }

    private BuildkitDaemon Start(int node)
    {
        var daemon = BuildkitDaemon.Start($"buildx_buildkit_{Scene.Builder}-daemon{node}", Registry.Host);
        _daemons.Add(daemon);
        return daemon;
    }

    /// <summary>
    /// (node, platform) of every build record on each node's daemon, read from the daemon itself (<c>buildctl debug
    /// histories</c> in its container): buildx gives every node's part of one build the same id, so <c>buildx history
    /// inspect</c> by id cannot tell the nodes' records apart.
    /// </summary>
    private List<(string Node, string Platform)> BuiltPlatforms()
    {
        var built = new List<(string, string)>();
        for (var node = 0; node < _daemons.Count; node++)
        {
            var daemon = _daemons[node];
            var listed = ProcessRunner.Run(Tools.Docker, ["exec", daemon.Name, "buildctl", "--addr", daemon.Endpoint, "debug", "histories", "--format", "{{index .Record.FrontendAttrs \"platform\"}}"]);
            Assert.That(listed.ExitCode, Is.EqualTo(0), listed.Output);
            TestContext.Out.WriteLine($"{daemon.Name}: {listed.StandardOutput.Trim().ReplaceLineEndings(" ")}");
            built.AddRange(listed.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .SelectMany(platforms => platforms.Split(','))
                .Distinct()
                .Select(platform => (Scene.Builder + node.ToString(System.Globalization.CultureInfo.InvariantCulture), platform)));
        }

        return built;
    }
}
