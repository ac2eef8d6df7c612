using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// A registry on this machine's loopback: a <c>docker-container</c> builder gets <c>network=host</c> (unless the user
/// chose a network), a kubernetes builder or a remote daemon elsewhere is refused naming the fix.
/// </summary>
public sealed class LoopbackRegistryPolicyTests
{
    private static BuildxCacheOptions Options(string image, string driver = "docker-container", string? endpoint = null, string? cacheRepo = null, string[]? driverOpts = null, string[]? mirrors = null, string[]? insecure = null)
    {
        var options = new BuildxCacheOptions
        {
            Image = image,
            CacheRepo = cacheRepo,
            BuilderDriver = driver,
            DriverOpts = [.. (driverOpts ?? []).Select(pair => new KeyValuePair<string, string>(pair.Split('=')[0], pair.Split('=')[1]))],
            BuilderEndpoint = endpoint,
            RegistryMirrors = [.. mirrors ?? []],
            InsecureRegistries = [.. insecure ?? []],
        };
        return options;
    }

    private static string? Network(BuilderPlan plan) => plan.DriverOptions.Where(pair => pair.Key == "network").Select(pair => pair.Value).SingleOrDefault();

    [TestCase("localhost:5000/app", true)]
    [TestCase("LOCALHOST:5000/app", true)]
    [TestCase("localhost/app", true)]
    [TestCase("127.0.0.1:5000/app", true)]
    [TestCase("127.1.2.3:5000/app", true)]
    [TestCase("[::1]:5000/app", true)]
    [TestCase("registry.example.com/app", false)]
    [TestCase("192.0.2.10:5000/app", false)]
    [TestCase("localhost.example.com/app", false)]
    [TestCase("docker.io/library/app", false)]
    public void A_docker_container_builder_gets_host_networking_for_a_loopback_image_registry(string image, bool loopback)
    {
        var plan = BuilderPolicy.Plan(Options(image), DockerHostInfo.Local);

        Assert.That(Network(plan), Is.EqualTo(loopback ? "host" : null));
        Assert.That(plan.LoopbackRegistry.AddsHostNetwork, Is.EqualTo(loopback));
        Assert.That(plan.LoopbackRegistry.Problem, Is.Null);
        if (loopback)
        {
            Assert.That(plan.LoopbackRegistry.Note, Does.StartWith("host (added: BuildKit reaches the registry ").And.Contain("only on the host's network; --driver-opt=network=… chooses another)"));
        }
        else
        {
            Assert.That(plan.LoopbackRegistry.Note, Is.Null);
        }
    }

    [TestCase("registry.example.com/app", "localhost:5000/app-cache", null, null, "localhost:5000")]
    [TestCase("registry.example.com/app", null, "docker.io=http://127.0.0.1:5001", null, "127.0.0.1:5001")]
    [TestCase("registry.example.com/app", null, null, "localhost:5002", "localhost:5002")]
    [TestCase("localhost:5000/app", "127.0.0.1:5001/cache", null, null, "localhost:5000, 127.0.0.1:5001")]
    public void The_cache_repository_a_mirror_or_an_insecure_registry_on_the_loopback_count_too(string image, string? cacheRepo, string? mirror, string? insecure, string hosts)
    {
        var plan = BuilderPolicy.Plan(Options(image, cacheRepo: cacheRepo, mirrors: mirror is null ? null : [mirror], insecure: insecure is null ? null : [insecure]), DockerHostInfo.Local);

        Assert.That(Network(plan), Is.EqualTo("host"));
        Assert.That(string.Join(", ", plan.LoopbackRegistry.Hosts), Is.EqualTo(hosts));
    }

    [TestCase("network=host", "host", null)]
    [TestCase("network=bridge", "bridge", "bridge (--driver-opt): BuildKit reaches the registry localhost:5000 on this machine's loopback only with network=host")]
    [TestCase("network=my-net", "my-net", "my-net (--driver-opt): BuildKit reaches the registry localhost:5000 on this machine's loopback only with network=host")]
    public void A_network_the_user_chose_is_kept(string driverOpt, string network, string? note)
    {
        var plan = BuilderPolicy.Plan(Options("localhost:5000/app", driverOpts: [driverOpt]), DockerHostInfo.Local);

        Assert.That(plan.DriverOptions.Where(pair => pair.Key == "network").Select(pair => pair.Value), Is.EqualTo(new[] { network }), "one network, the user's");
        Assert.That(plan.LoopbackRegistry.AddsHostNetwork, Is.False);
        Assert.That(plan.LoopbackRegistry.Note, Is.EqualTo(note));
    }

    [TestCase("kubernetes", null, "builder-driver 'kubernetes': BuildKit pods in the cluster do not reach the registry localhost:5000 on this machine's loopback: use a registry address the cluster reaches, or --builder-driver=docker-container")]
    [TestCase("remote", "tcp://buildkit.example.com:1234", "builder-endpoint 'tcp://buildkit.example.com:1234': the BuildKit daemon at tcp://buildkit.example.com:1234 runs elsewhere and does not reach the registry localhost:5000 on this machine's loopback (its loopback is its own): use a registry address the daemon reaches, or --builder-driver=docker-container")]
    public void A_builder_elsewhere_is_refused_with_the_fix(string driver, string? endpoint, string problem)
    {
        var plan = BuilderPolicy.Plan(Options("localhost:5000/app", driver, endpoint), DockerHostInfo.Local);

        Assert.That(Network(plan), Is.Null, "the daemon is elsewhere: no network=host");
        Assert.That(plan.LoopbackRegistry.Problem?.Message, Does.StartWith(problem + "; "), "names the option, the problem and the fix");
    }

    [TestCase("tcp://127.0.0.1:1234")]
    [TestCase("tcp://localhost:1234")]
    [TestCase("tcp://[::1]:1234")]
    [TestCase("unix:///run/buildkit/buildkitd.sock")]
    [TestCase("docker-container://buildkitd")]
    public void A_remote_daemon_on_this_machine_is_left_alone_with_a_note(string endpoint)
    {
        var plan = BuilderPolicy.Plan(Options("127.0.0.1:5000/app", "remote", endpoint), DockerHostInfo.Local);

        Assert.That(Network(plan), Is.Null);
        Assert.That(plan.LoopbackRegistry.Problem, Is.Null);
        Assert.That(plan.LoopbackRegistry.Note, Is.EqualTo($"the BuildKit daemon at {endpoint} reaches the registry 127.0.0.1:5000 on this machine's loopback only when it runs on the host's network"));
    }

    [Test]
    public void A_builder_created_without_host_networking_is_recreated_and_one_with_it_is_reused()
    {
        var planned = BuilderPolicy.Plan(Options("localhost:5000/app"), DockerHostInfo.Local);
        BuilderInfo Found(Dictionary<string, string> driverOptions) =>
            new(planned.Name, "docker-container", [new BuilderNode(planned.Name + "0") { Status = "running", DriverOptions = driverOptions }]);

        var without = Found(new() { ["image"] = "\"moby/buildkit:v0.32.2\"" });
        var with = Found(new() { ["image"] = "\"moby/buildkit:v0.32.2\"", ["network"] = "\"host\"" });

        Assert.That(BuilderMatch.Mismatch(without, planned), Is.EqualTo("driver option network=host is not set on it"));
        Assert.That(BuilderMatch.Mismatch(with, planned), Is.Null);
    }
}
