using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// <c>--builder-node</c> (several) and the kubernetes driver's options: how a node reads, and what validation refuses
/// before anything runs, each problem naming the option and the fix.
/// </summary>
public sealed class BuilderNodeOptionsTests
{
    private static BuildxCacheOptions Read(params string[] arguments)
    {
        var sources = new OptionSourcesBuilder().Arg("image", "registry.example.com/group/app");
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            sources.Arg(argument[..equals], argument[(equals + 1)..]);
        }

        return sources.Read();
    }

    private static IReadOnlyList<string> Problems(params string[] arguments) =>
        [.. BuildxCacheOptionsValidator.Validate(Read(arguments), isCI: false).Select(problem => problem.Message)];

    [Test]
    public void A_node_reads_its_endpoint_platforms_and_own_driver_options()
    {
        Assert.That(BuilderNodeSpec.TryParse("tcp://arm.lan:1234,platform=linux/arm64,platform=linux/arm/v7,cacert=/certs/ca.pem", out var node, out var problem), Is.True, problem);

        Assert.That(node!.Endpoint, Is.EqualTo("tcp://arm.lan:1234"));
        Assert.That(node.Platforms, Is.EqualTo(new[] { "linux/arm64", "linux/arm/v7" }));
        Assert.That(node.DriverOptions, Is.EqualTo(new[] { new KeyValuePair<string, string>("cacert", "/certs/ca.pem") }));
    }

    [Test]
    public void A_node_item_whose_value_holds_a_comma_is_quoted_whole_as_buildx_reads_it()
    {
        Assert.That(BuilderNodeSpec.TryParse("platform=linux/arm64,\"nodeselector=kubernetes.io/arch=arm64,disk=ssd\"", out var node, out var problem), Is.True, problem);

        Assert.That(node!.Platforms, Is.EqualTo(new[] { "linux/arm64" }));
        Assert.That(node.DriverOptions, Is.EqualTo(new[] { new KeyValuePair<string, string>("nodeselector", "kubernetes.io/arch=arm64,disk=ssd") }));
        Assert.That(
            Problems("builder-driver=kubernetes", "platform=linux/amd64,linux/arm64", "builder-node=platform=linux/amd64", "builder-node=platform=linux/arm64,\"nodeselector=kubernetes.io/arch=arm64,disk=ssd\""),
            Is.Empty);
    }

    [Test]
    public void A_driver_option_is_read_as_buildx_reads_it_a_value_with_a_comma_quoted_whole()
    {
        var options = Read("driver-opt=\"env.NO_PROXY=127.0.0.1,localhost\"", "driver-opt=cacert=/certs/ca.pem,cert=/certs/cert.pem");

        Assert.That(options.DriverOpts, Is.EqualTo(new KeyValuePair<string, string>[]
        {
            new("env.NO_PROXY", "127.0.0.1,localhost"),
            new("cacert", "/certs/ca.pem"),
            new("cert", "/certs/cert.pem"),
        }));
    }

    [Test]
    public void Bad_quoting_in_a_node_or_a_driver_option_is_refused_naming_the_option()
    {
        Assert.That(
            Problems("builder-driver=kubernetes", "platform=linux/amd64,linux/arm64", "builder-node=platform=linux/amd64", "builder-node=platform=linux/arm64,nodeselector=\"a=b,c=d\""),
            Has.Some.StartsWith("builder-node 'platform=linux/arm64,nodeselector=\"a=b,c=d\"' (from --builder-node): ").And.Some.Contains("has a quote inside the field 'nodeselector=\"a=b'"));
        Assert.That(
            Problems("driver-opt=\"env.NO_PROXY=a,b"),
            Has.Some.StartsWith("driver-opt '\"env.NO_PROXY=a,b' (from --driver-opt): opens a quote at character 1 that is never closed"));
    }

    [TestCase("tcp://a:1,,platform=linux/amd64", "has an empty item")]
    [TestCase("platform=linux/amd64,tcp://a:1", "has the item 'tcp://a:1', which is neither the endpoint")]
    [TestCase("tcp://a:1,platform=", "gives platform= no value")]
    [TestCase("tcp://a:1,endpoint=tcp://b:2", "names a second endpoint (tcp://b:2)")]
    [TestCase("tcp://a:1,cacert=/a,cacert=/b", "gives cacert= more than once")]
    public void An_unreadable_node_says_what_is_wrong(string text, string expected)
    {
        Assert.That(BuilderNodeSpec.TryParse(text, out _, out var problem), Is.False);
        Assert.That(problem, Does.StartWith(expected));
    }

    [Test]
    public void Two_remote_nodes_on_their_own_platforms_are_valid()
    {
        Assert.That(
            Problems("builder-driver=remote", "builder-node=tcp://127.0.0.1:1234,platform=linux/amd64", "builder-node=tcp://127.0.0.1:1235,platform=linux/386"),
            Is.Empty);
    }

    private static IEnumerable<TestCaseData> BadNodes()
    {
        yield return new TestCaseData(new[] { "builder-node=tcp://a:1,platform=linux/amd64" }, "builder-node 'tcp://a:1,platform=linux/amd64' (from --builder-node): needs builder-driver=remote")
            .SetName("{m}(docker-container driver)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-endpoint=tcp://a:1", "builder-node=tcp://b:1,platform=linux/amd64" }, "builder-endpoint 'tcp://a:1' (from --builder-endpoint): cannot be given with builder-node")
            .SetName("{m}(with builder-endpoint)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=platform=linux/amd64" }, "names no endpoint")
            .SetName("{m}(remote node without endpoint)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=http://a:1,platform=linux/amd64" }, "endpoint http://a:1 is not a BuildKit address")
            .SetName("{m}(endpoint scheme)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=tcp://a:1,platform=linux/amd64", "builder-node=tcp://b:1" }, "builder-node 'tcp://b:1' (from --builder-node): names no platform")
            .SetName("{m}(second node without platform)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=tcp://a:1,platform=linux/amd64", "builder-node=tcp://b:1,platform=linux/amd64" }, "names platform linux/amd64, as the node 'tcp://a:1,platform=linux/amd64' does")
            .SetName("{m}(platform on two nodes)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=tcp://a:1,platform=linux/amd64", "builder-node=tcp://a:1,platform=linux/386" }, "uses the endpoint tcp://a:1 of another node")
            .SetName("{m}(endpoint on two nodes)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=tcp://a:1,platform=linux/x86_64" }, "platform linux/x86_64 has architecture 'x86_64': docker calls it amd64")
            .SetName("{m}(platform spelling)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=tcp://a:1,platform=linux/amd64,cert=/c.pem,key=/k.pem" }, "cacert= is needed with TLS")
            .SetName("{m}(node TLS without CA)");
        yield return new TestCaseData(new[] { "builder-driver=remote", "builder-node=tcp://a:1,platform=linux/amd64,cacert=certs/ca.pem" }, "cacert=certs/ca.pem must be an absolute path")
            .SetName("{m}(node TLS relative path)");
        yield return new TestCaseData(new[] { "builder-driver=kubernetes", "builder-node=tcp://a:1,platform=linux/amd64" }, "names the endpoint tcp://a:1, which the kubernetes driver does not take")
            .SetName("{m}(kubernetes node with endpoint)");
        yield return new TestCaseData(new[] { "builder-driver=kubernetes", "builder-node=platform=linux/arm64,replicas=two" }, "replicas=two must be a whole number of pods")
            .SetName("{m}(kubernetes node option)");
    }

    [TestCaseSource(nameof(BadNodes))]
    public void A_bad_node_is_refused_naming_the_option_and_the_fix(string[] arguments, string expected)
    {
        Assert.That(Problems(arguments), Has.Some.Contains(expected));
    }

    [TestCase("namespace=buildkit")]
    [TestCase("replicas=3")]
    [TestCase("requests.cpu=500m")]
    [TestCase("limits.memory=2Gi")]
    [TestCase("nodeselector=kubernetes.io/arch=arm64")]
    [TestCase("tolerations=key=arch")]
    [TestCase("rootless=true")]
    [TestCase("loadbalance=random")]
    [TestCase("qemu.install=false")]
    [TestCase("timeout=2m30s")]
    [TestCase("env.BUILDKIT_STEP_LOG_MAX_SIZE=10485760")]
    [TestCase("serviceaccount=buildkit")]
    public void A_kubernetes_driver_option_of_buildx_0_36_is_accepted(string option)
    {
        Assert.That(Problems("builder-driver=kubernetes", "driver-opt=" + option), Is.Empty);
    }

    [TestCase("replicas=0", "must be a whole number of pods, 1 or more")]
    [TestCase("rootless=yes", "must be true or false")]
    [TestCase("timeout=120", "must be a duration such as 120s")]
    [TestCase("loadbalance=round-robin", "must be sticky")]
    [TestCase("nodeselector=arm64", "must be key=value pairs")]
    [TestCase("tolerations=color=blue", "must be tolerations of key=")]
    [TestCase("network=host", "is not an option of the kubernetes driver")]
    [TestCase("env.=1", "names no variable")]
    public void A_kubernetes_driver_option_buildx_would_refuse_is_refused_first(string option, string expected)
    {
        var problems = Problems("builder-driver=kubernetes", "driver-opt=" + option);

        Assert.That(problems, Has.Some.Contains($"driver-opt '{option}' (from --driver-opt): {expected}").And.Some.Contains("--driver-opt=namespace=buildkit"), string.Join("\n", problems));
    }
}
