using System.Globalization;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>--registry-mirror</c> and <c>--insecure-registry</c> with the real buildx and BuildKit, through a buildkitd.toml
/// the module generates (the scene's own is not passed). The registry is the run's, on 127.0.0.1, but named by this
/// machine's name (<see cref="RealStack.RequireLoopbackName"/>): BuildKit and the registry client both insist on HTTPS
/// for it unless the options say otherwise. Docker Hub is out of reach here, so an image <c>FROM busybox:1</c> that
/// builds came through the mirror.
/// </summary>
public sealed class GeneratedBuildkitdConfigTests() : RealStackFixture("buildkitd")
{
    /// <summary>The builder's options besides those under test: host networking, as the rig needs.</summary>
    private static readonly string[] HostNetwork = ["--driver-opt=network=host"];

    private string Named(RegistryServer registry) => $"{RealStack.RequireLoopbackName()}:{registry.Port.ToString(CultureInfo.InvariantCulture)}";

    private Dictionary<string, string> Job(RegistryServer registry) =>
        Ci.GitLab(Named(registry), Scene.Project, registry.User, registry.Password, Scene.Workspace.Sha).Branch("main", "main");

    private static void Succeeded(BuildRun run) => Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());

    [Test]
    public void Without_insecure_registry_a_registry_named_by_host_is_spoken_to_over_https_and_the_build_fails()
    {
        // The base image by the same name: the login is for that name, and BuildKit's credentials go by host.
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile($"{Named(Registry)}/base/busybox:1"));

        var run = Scene.RunWithBuilder(Job(Registry), HostNetwork, "--target=Publish");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("http: server gave HTTP response to HTTPS client"), "BuildKit tried https");
        Assert.That(run.Output, Does.Contain("cache: could not check the cache refs"), "the registry client tried https too");
        Assert.That(Scene.Calls("buildx", "create").Single(), Has.No.Member("--buildkitd-config"), "nothing asked for a config");
    }

    [Test]
    public void A_mirror_and_a_plain_http_registry_reach_the_builder_and_the_registry_client_and_a_change_recreates_the_builder()
    {
        var host = Named(Registry);
        Support.Registry.BaseImage.PushAsync(Registry, RealStack.StaticBusybox, "hub/library/busybox", "1").GetAwaiter().GetResult();
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile("busybox:1"));
        string[] options = ["--registry-mirror=docker.io=http://" + host + "/hub", "--insecure-registry=" + host];
        var image = $"{host}/{Scene.Project}";

        var cold = Scene.RunWithBuilder(Job(Registry), [.. HostNetwork, .. options], "--target=Publish");

        Succeeded(cold);
        var create = Scene.Calls("buildx", "create").Single();
        Assert.That(create, Does.Contain("--buildkitd-config").And.Contain("artifacts/buildkitd.toml"));
        var config = File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildkitd.toml"));
        Assert.That(config, Does.Contain($"[registry.\"docker.io\"]\n  mirrors = [\"{host}/hub\"]\n").And.Contain($"[registry.\"{host}\"]\n  http = true\n"));
        Assert.That(create.Single(argument => argument.StartsWith("env.CAKE_BUILDXCACHE_CONFIG=", StringComparison.Ordinal)), Does.Match("^env.CAKE_BUILDXCACHE_CONFIG=[0-9a-f]{16}$"));
        Assert.That(Scene.Docker("buildx", "inspect", Scene.Builder).StandardOutput, Does.Contain($"mirrors = ['{host}/hub']"), "buildx gave the builder the generated file (it prints it back re-encoded)");
        Assert.That(cold.Output, Does.Contain("load metadata for docker.io/library/busybox:1"), "the Dockerfile's base is Docker Hub's");
        Assert.That(cold.Output, Does.Contain("cache: no cache ref exists yet; this build starts cold"), "the registry client asked the registry over http");
        Assert.That(cold.Output, Does.Not.Contain("could not check"));
        Assert.That(Registry.Tags(Scene.Project), Is.EquivalentTo(new[] { "main", Scene.Workspace.ShortSha, "latest" }), "pushed over plain HTTP");
        Assert.That(Registry.Tags(Scene.CacheRepository), Is.EqualTo(new[] { "main" }));

        // Another insecure host changes the file: the builder is recreated with it, and starts warm from the registry.
        var warm = Scene.RunWithBuilder(Job(Registry), [.. HostNetwork, .. options, "--insecure-registry=other.invalid:5000"], "--target=Publish");

        Succeeded(warm);
        Assert.That(warm.Output, Does.Contain($"Recreating builder {Scene.Builder}: its generated buildkitd.toml differs"));
        // The first create, then the one buildx refused (the builder existed), then the one after the removal.
        Assert.That(Scene.Calls("buildx", "create"), Has.Count.EqualTo(3));
        Assert.That(Scene.Calls("buildx", "rm"), Has.Count.EqualTo(1));
        Assert.That(warm.Output, Does.Contain($"cache: branch ref {image}/cache:main found"));
        var report = ReportFile.Read(Scene.Workspace);
        Assert.That(report.Cached, Is.EqualTo(report.BuildSteps).And.GreaterThanOrEqualTo(3), "a new builder, every step from the registry cache: " + report);
        Assert.That(report.Imported, Has.Member($"{image}/cache:main"));
        TestContext.Out.WriteLine($"cold {cold.Elapsed.TotalSeconds:0.0} s, warm on a recreated builder {warm.Elapsed.TotalSeconds:0.0} s ({report})");

        var prune = Scene.RunWithBuilder(Job(Registry), [.. HostNetwork, .. options], "--target=PruneCache", "--prune-registry", "--live-branches=main");

        Succeeded(prune);
        Assert.That(prune.Output, Does.Contain($"registry cache prune: {image}/cache (dry run").And.Contain("the default branch's cache"));
    }

    [Test]
    public void A_self_signed_registry_named_https_is_spoken_to_over_https_without_checks_by_builder_and_client()
    {
        using var tls = RegistryServer.Start(user: "tls-user", password: "tls-" + Guid.NewGuid().ToString("N")[..16], tls: true);
        var host = Named(tls);
        Support.Registry.BaseImage.PushAsync(tls, RealStack.StaticBusybox).GetAwaiter().GetResult();
        Scene.Workspace.Write("Dockerfile", Workspace.Dockerfile(host + "/base/busybox:1"));

        var run = Scene.RunWithBuilder(Job(tls), [.. HostNetwork, "--insecure-registry=https://" + host], "--target=Publish");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(File.ReadAllText(Path.Combine(Scene.Workspace.Path, "artifacts", "buildkitd.toml")), Does.Contain($"[registry.\"{host}\"]\n  insecure = true\n"));
        Assert.That(run.Output, Does.Contain("cache: no cache ref exists yet; this build starts cold"), "the registry client asked over https, unchecked");
        Assert.That(tls.Tags($"{Scene.Project}"), Is.EquivalentTo(new[] { "main", Scene.Workspace.ShortSha, "latest" }));
        Assert.That(tls.Tags(Scene.CacheRepository), Is.EqualTo(new[] { "main" }));
    }
}
