using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// A build of several platforms on a builder of several nodes writes one cache ref per platform
/// (<see cref="PlatformCachePolicy"/>): the build reads every platform's chain and writes none; one cache-only build per
/// platform writes each, and Plan prints them.
/// </summary>
public sealed class PlatformCachePlanTests
{
    private const string Amd64Node = "tcp://127.0.0.1:1234,platform=linux/amd64";
    private const string I386Node = "tcp://127.0.0.1:1235,platform=linux/386";

    private static readonly BuildxCacheOptions TwoNodes = CiOptions with
    {
        Platforms = ["linux/amd64", "linux/386"],
        BuilderDriver = "remote",
        BuilderNodes = [Amd64Node, I386Node],
    };

    [Test]
    public void Two_nodes_and_two_platforms_read_both_platforms_refs_and_export_each_in_a_cache_only_build()
    {
        var plan = RunPlanner.Plan(GitLabMergeRequest("feature", "main"), TwoNodes, DockerHostInfo.Local, Created).PublishBuild;

        Assert.That(plan.CacheTo, Is.Null, "the build itself writes no cache: every node would write the same ref");
        Assert.That(plan.CacheFrom.Select(spec => spec.Ref), Is.EqualTo(new[]
        {
            $"{Cache}:feature-linux-amd64", $"{Cache}:main-linux-amd64",
            $"{Cache}:feature-linux-386", $"{Cache}:main-linux-386",
        }));
        var exports = new BuildSteps(plan).Steps.Skip(2).Select(step => (BuildxBuildSettings)step.Settings!).ToList();
        Assert.That(exports.Select(settings => string.Join(" ", settings.Platforms)), Is.EqualTo(new[] { "linux/amd64", "linux/386" }));
        Assert.That(exports.Select(settings => settings.CacheTo.Single().Ref), Is.EqualTo(new[] { $"{Cache}:feature-linux-amd64", $"{Cache}:feature-linux-386" }));
        Assert.That(exports.Select(settings => (string.Join(" ", settings.Outputs), settings.Push, settings.Tags.Count)), Is.All.EqualTo(("type=cacheonly", false, 0)));
        Assert.That(exports[1].CacheFrom.Select(spec => spec.Ref), Is.EqualTo(new[] { $"{Cache}:feature-linux-386", $"{Cache}:main-linux-386" }), "what the build took from the registry is exported from there");
        Assert.That(exports[1].BuildArgs, Is.EqualTo(DockerCommands.Build(plan).BuildArgs), "the same build: every step is in the node's cache");
        Assert.That(plan.Notes, Has.Some.StartsWith("cache per platform (2 nodes)"));
    }

    [TestCase("one node", new[] { Amd64Node }, null, null)]
    [TestCase("a platform no node declares", new[] { Amd64Node, "tcp://127.0.0.1:1236,platform=linux/arm64" }, null, "no --builder-node declares linux/386")]
    [TestCase("an explicit scope", new[] { Amd64Node, I386Node }, "shared", "one ref for every platform")]
    public void Otherwise_the_build_writes_one_ref(string why, string[] nodes, string? scope, string? note)
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), TwoNodes with { BuilderNodes = nodes, CacheScope = scope }, DockerHostInfo.Local, Created).PublishBuild;

        Assert.That(plan.CacheTo, Is.Not.Null, why);
        Assert.That(plan.PlatformCaches, Is.Empty, why);
        Assert.That(new BuildSteps(plan).Steps, Has.Count.EqualTo(2), why);
        Assert.That(plan.Notes.Any(line => note is not null && line.Contains(note, StringComparison.Ordinal)), Is.EqualTo(note is not null), string.Join("\n", plan.Notes));
    }

    [Test]
    public void A_read_only_build_reads_each_platforms_refs_and_exports_nothing()
    {
        var plan = RunPlanner.Plan(GitLabMergeRequest("feature", "main", fork: true), TwoNodes, DockerHostInfo.Local, Created).PublishBuild;

        Assert.That(plan.CacheTo, Is.Null);
        Assert.That(plan.CacheFrom.Select(spec => spec.Ref), Does.Contain($"{Cache}:main-linux-386").And.Contain($"{Cache}:main-linux-amd64"));
        Assert.That(plan.CacheExports, Is.Empty);
        Assert.That(new BuildSteps(plan).Steps, Has.Count.EqualTo(2));
    }
}
