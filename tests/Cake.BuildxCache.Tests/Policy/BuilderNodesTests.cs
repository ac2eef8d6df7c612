using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Docker;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// A builder of several nodes (<c>--builder-node</c>): the plan's nodes, EnsureBuilder's create and appends, and the
/// comparison of every node of an existing builder (the real two-node <c>buildx inspect</c>, captured) with the plan.
/// </summary>
public sealed class BuilderNodesTests
{
    private const string Amd64 = "tcp://127.0.0.1:1234,platform=linux/amd64";
    private const string I386 = "tcp://127.0.0.1:1235,platform=linux/386";

    private static BuilderPlan Planned(string driver, params string[] nodes) =>
        BuilderPolicy.Plan(new BuildxCacheOptions { Builder = "fixtures", BuilderDriver = driver, BuilderNodes = nodes }, DockerHostInfo.Local);

    private static BuilderInfo Captured() => BuilderInfoParser.Parse(Fixtures.Captured("buildx-inspect-two-nodes.txt", Fixtures.Buildx0361).Lines)!;

    [Test]
    public void The_real_inspect_of_two_nodes_gives_each_nodes_endpoint_and_the_platforms_set_on_it()
    {
        var info = Captured();

        Assert.That(info.Nodes.Select(node => (node.Name, node.Endpoint, string.Join(",", node.FixedPlatforms))), Is.EqualTo(new[]
        {
            ("fixtures0", "tcp://127.0.0.1:1234", "linux/amd64"),
            ("fixtures1", "tcp://127.0.0.1:1235", "linux/386"),
        }));
        Assert.That(info.Nodes[0].Platforms, Has.Member("linux/386"), "the daemon's own platforms follow the ones set");
    }

    [Test]
    public void Without_builder_node_the_plan_has_one_node_named_as_buildx_names_it()
    {
        var plan = Planned("docker-container");

        Assert.That(plan.Nodes, Has.Count.EqualTo(1));
        Assert.That((plan.Nodes[0].Name, plan.Nodes[0].Endpoint, plan.Nodes[0].Platforms.Count), Is.EqualTo(("fixtures0", (string?)null, 0)));
        Assert.That(plan.Nodes[0].DriverOptions, Is.EqualTo(plan.DriverOptions));
        Assert.That(new EnsureBuilderSteps(plan).Appends(BuildxConfigFlag.BuildkitdConfig), Is.Empty);
    }

    [Test]
    public void Each_further_node_is_appended_by_name_with_its_platforms_and_its_own_TLS()
    {
        var plan = Planned("remote", Amd64, I386 + ",cacert=/certs/ca.pem,cert=/certs/cert.pem,key=/certs/key.pem");
        var steps = new EnsureBuilderSteps(plan);

        var create = steps.Create(BuildxConfigFlag.BuildkitdConfig);
        var append = steps.Appends(BuildxConfigFlag.BuildkitdConfig).Single();

        Assert.That((create.Node, create.Append, create.Endpoint, string.Join(",", create.Platforms), create.DriverOptions.Count), Is.EqualTo(((string?)null, false, "tcp://127.0.0.1:1234", "linux/amd64", 0)));
        Assert.That((append.Node, append.Append, append.Endpoint, string.Join(",", append.Platforms)), Is.EqualTo(("fixtures1", true, "tcp://127.0.0.1:1235", "linux/386")));
        Assert.That(append.DriverOptions.Keys, Is.EqualTo(new[] { "cacert", "cert", "key" }));
        Assert.That(steps.Steps.Select(step => step.Settings).OfType<BuildxCreateSettings>().Select(settings => settings.Node), Is.EqualTo(new[] { null, "fixtures1" }), "Plan prints the append after the create");
    }

    [Test]
    public void The_builder_made_by_the_plan_is_reused()
    {
        Assert.That(BuilderDecision.Decide(Captured(), Planned("remote", Amd64, I386)), Is.EqualTo(new BuilderDecision(BuilderAction.Reuse, null)));
    }

    private static IEnumerable<TestCaseData> ChangedNodes()
    {
        yield return new TestCaseData(new[] { Amd64 }, "it has 2 node(s) (fixtures0, fixtures1), the plan 1").SetName("{m}(a node removed)");
        yield return new TestCaseData(new[] { Amd64, I386, "tcp://127.0.0.1:1236,platform=linux/arm64" }, "it has 2 node(s) (fixtures0, fixtures1), the plan 3").SetName("{m}(a node added)");
        yield return new TestCaseData(new[] { Amd64, "tcp://127.0.0.1:1299,platform=linux/386" }, "its node fixtures1 connects to tcp://127.0.0.1:1235, the plan needs tcp://127.0.0.1:1299").SetName("{m}(an endpoint changed)");
        yield return new TestCaseData(new[] { Amd64, "tcp://127.0.0.1:1235,platform=linux/arm64" }, "its node fixtures1 builds linux/386, the plan gives it linux/arm64").SetName("{m}(a platform changed)");
        yield return new TestCaseData(new[] { "tcp://127.0.0.1:1234,platform=linux/amd64,cacert=/certs/ca.pem", I386 }, "its node fixtures0 lacks driver option cacert=/certs/ca.pem").SetName("{m}(TLS added)");
        yield return new TestCaseData(new[] { I386, Amd64 }, "its node fixtures1 connects to tcp://127.0.0.1:1235, the plan needs tcp://127.0.0.1:1234").SetName("{m}(nodes swapped)");
    }

    [TestCaseSource(nameof(ChangedNodes))]
    public void A_node_added_removed_or_changed_recreates_the_builder(string[] nodes, string reason)
    {
        Assert.That(BuilderDecision.Decide(Captured(), Planned("remote", nodes)), Is.EqualTo(new BuilderDecision(BuilderAction.Recreate, reason)));
    }

    [Test]
    public void A_kubernetes_builder_of_two_nodes_appends_a_deployment_per_node_with_its_node_selector()
    {
        var plan = Planned("kubernetes", "platform=linux/amd64,nodeselector=kubernetes.io/arch=amd64", "platform=linux/arm64,nodeselector=kubernetes.io/arch=arm64");
        var steps = new EnsureBuilderSteps(plan);

        var append = steps.Appends(BuildxConfigFlag.BuildkitdConfig).Single();

        Assert.That(steps.Create(BuildxConfigFlag.BuildkitdConfig).DriverOptions["nodeselector"], Is.EqualTo("kubernetes.io/arch=amd64"));
        Assert.That((append.Node, append.Endpoint, append.DriverOptions["nodeselector"], append.DriverOptions["image"]), Is.EqualTo(("fixtures1", (string?)null, "kubernetes.io/arch=arm64", "moby/buildkit:v0.32.2")));
    }
}
