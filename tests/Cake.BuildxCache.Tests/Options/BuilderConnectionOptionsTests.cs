using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Tests.Options;

/// <summary>
/// <c>--registry-mirror</c>, <c>--insecure-registry</c> and <c>--builder-endpoint</c>: how their values read, and what
/// validation refuses before anything runs (each problem naming the option and the fix).
/// </summary>
public sealed class BuilderConnectionOptionsTests
{
    private const string Image = "registry.example.com/group/app";

    private static BuildxCacheOptions Read(params string[] arguments)
    {
        var sources = new OptionSourcesBuilder().Arg("image", Image);
        foreach (var argument in arguments)
        {
            var equals = argument.IndexOf('=', StringComparison.Ordinal);
            sources.Arg(argument[..equals], argument[(equals + 1)..]);
        }

        return sources.Read();
    }

    private static IReadOnlyList<OptionProblem> Problems(params string[] arguments) =>
        BuildxCacheOptionsValidator.Validate(Read(arguments), isCI: false);

    [TestCase("docker.io=https://mirror.example.com", "docker.io", "mirror.example.com", false)]
    [TestCase("docker.io=mirror.example.com", "docker.io", "mirror.example.com", false)]
    [TestCase("index.docker.io=http://mirror.lan:5000/", "docker.io", "mirror.lan:5000", true)]
    [TestCase("docker.io=https://core.harbor.domain/proxy.docker.io", "docker.io", "core.harbor.domain/proxy.docker.io", false)]
    [TestCase("ghcr.io=HTTP://Mirror.LAN:5000/ghcr", "ghcr.io", "mirror.lan:5000/ghcr", true)]
    public void A_mirror_reads_as_BuildKit_keeps_it_host_and_path_without_scheme(string text, string registry, string mirror, bool plainHttp)
    {
        Assert.That(RegistryMirrorSpec.TryParse(text, out var spec, out var problem), Is.True, problem);
        Assert.That((spec!.Registry, spec.Mirror, spec.PlainHttp), Is.EqualTo((registry, mirror, plainHttp)));
    }

    [TestCase("registry.lan:5000", "registry.lan:5000", false)]
    [TestCase("http://Registry.LAN:5000", "registry.lan:5000", false)]
    [TestCase("https://harbor.lan:8443", "harbor.lan:8443", true)]
    [TestCase("https://harbor.lan/", "harbor.lan", true)]
    public void An_insecure_registry_is_plain_http_unless_written_https(string text, string host, bool unverifiedTls)
    {
        Assert.That(InsecureRegistrySpec.TryParse(text, out var spec, out var problem), Is.True, problem);
        Assert.That((spec!.Host, spec.UnverifiedTls), Is.EqualTo((host, unverifiedTls)));
    }

    private static IEnumerable<TestCaseData> BadInputs()
    {
        TestCaseData Case(string name, string option, string fragment, params string[] arguments) =>
            new TestCaseData(arguments, option, fragment).SetName("Refused: " + name);

        yield return Case("remote without endpoint", "builder-endpoint", "is needed by builder-driver=remote", "builder-driver=remote");
        yield return Case("endpoint without remote", "builder-endpoint", "is only for builder-driver=remote (the driver is docker-container): add --builder-driver=remote", "builder-endpoint=tcp://buildkitd:1234");
        yield return Case("endpoint scheme", "builder-endpoint", "is not a BuildKit address: use tcp://, unix://", "builder-driver=remote", "builder-endpoint=https://buildkitd:1234");
        yield return Case("endpoint without scheme", "builder-endpoint", "is not a BuildKit address", "builder-driver=remote", "builder-endpoint=buildkitd:1234");
        yield return Case("tcp endpoint without port", "builder-endpoint", "must be tcp://host:port", "builder-driver=remote", "builder-endpoint=tcp://buildkitd");
        yield return Case("config for remote", "buildkitd-config", "setting config file is not supported for remote driver", "builder-driver=remote", "builder-endpoint=tcp://buildkitd:1234", "buildkitd-config=buildkitd.toml");
        yield return Case("relative TLS file", "driver-opt", "must be an absolute path", "builder-driver=remote", "builder-endpoint=tcp://buildkitd:1234", "driver-opt=cacert=certs/ca.pem");
        yield return Case("cert without key", "driver-opt", "key=<path> is needed too", "builder-driver=remote", "builder-endpoint=tcp://buildkitd:1234", "driver-opt=cacert=/certs/ca.pem", "driver-opt=cert=/certs/cert.pem");
        yield return Case("cert without cacert", "driver-opt", "cacert=<path> is needed with TLS", "builder-driver=remote", "builder-endpoint=tcp://buildkitd:1234", "driver-opt=cert=/certs/cert.pem", "driver-opt=key=/certs/key.pem");
        yield return Case("container option on remote", "driver-opt", "is not an option of the remote driver", "builder-driver=remote", "builder-endpoint=tcp://buildkitd:1234", "driver-opt=network=host");
        yield return Case("mirror without registry", "registry-mirror", "is not registry=mirror", "registry-mirror=https://mirror.example.com");
        yield return Case("mirror scheme", "registry-mirror", "has the scheme 'ftp'", "registry-mirror=docker.io=ftp://mirror.example.com");
        yield return Case("mirror registry with scheme", "registry-mirror", "names the registry 'https://docker.io', which must be a host[:port] without a scheme", "registry-mirror=https://docker.io=mirror.example.com");
        yield return Case("mirror path", "registry-mirror", "has the path '/Proxy': lowercase letters", "registry-mirror=docker.io=mirror.example.com/Proxy");
        yield return Case("mirror beside own config", "registry-mirror", "would not reach the builder: buildkitd-config (from --buildkitd-config) is used as it is", "registry-mirror=docker.io=mirror.example.com", "buildkitd-config=buildkitd.toml");
        yield return Case("insecure with path", "insecure-registry", "has a path", "insecure-registry=registry.lan:5000/group");
        yield return Case("insecure bad port", "insecure-registry", "bad port '99999'", "insecure-registry=registry.lan:99999");
        yield return Case("insecure both ways", "insecure-registry", "names registry.lan:5000 again", "insecure-registry=registry.lan:5000,https://registry.lan:5000");
    }

    [TestCaseSource(nameof(BadInputs))]
    public void Each_bad_input_is_refused_naming_the_option_and_the_fix(string[] arguments, string option, string fragment)
    {
        var problems = Problems(arguments);

        var problem = problems.FirstOrDefault(item => item.Option == option && item.Message.Contains(fragment, StringComparison.Ordinal));
        Assert.That(problem, Is.Not.Null, "problems were:\n" + string.Join("\n", problems));
        Assert.That(problem!.Message, Does.StartWith(option));
        Assert.That(problem.HowToSet, Is.Not.Empty);
    }

    [Test]
    public void Remote_without_endpoint_names_the_option_and_every_way_to_set_it()
    {
        Assert.That(Problems("builder-driver=remote").Select(problem => problem.Message), Is.EqualTo(new[]
        {
            "builder-endpoint: is needed by builder-driver=remote: the address of the BuildKit daemon to build on (tcp://host:port or unix:///path); "
            + "set --builder-endpoint=tcp://buildkitd.example.com:1234, BUILDX_BUILDER_ENDPOINT, or BuilderEndpoint= under [Buildx] in cake.config",
        }));
    }

    [TestCase("tcp://127.0.0.1:1234")]
    [TestCase("unix:///run/buildkit/buildkitd.sock")]
    [TestCase("ssh://builder@build-host")]
    [TestCase("docker-container://buildkitd")]
    [TestCase("kube-pod://buildkitd-0")]
    public void A_remote_builder_with_an_endpoint_buildx_knows_is_valid(string endpoint)
    {
        Assert.That(Problems("builder-driver=remote", "builder-endpoint=" + endpoint), Is.Empty);
    }

    [Test]
    public void A_remote_builder_with_its_TLS_files_and_registry_settings_is_valid()
    {
        var problems = Problems(
            "builder-driver=remote", "builder-endpoint=tcp://buildkitd.example.com:1234", "driver-opt=cacert=/certs/ca.pem",
            "driver-opt=cert=/certs/cert.pem", "driver-opt=key=/certs/key.pem", "driver-opt=servername=buildkitd",
            "registry-mirror=docker.io=https://mirror.example.com", "insecure-registry=registry.lan:5000");

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void Mirrors_repeat_per_registry_and_insecure_registries_come_from_the_environment_too()
    {
        var options = new OptionSourcesBuilder()
            .Arg("image", Image)
            .Arg("registry-mirror", "docker.io=https://mirror-a.example.com")
            .Arg("registry-mirror", "docker.io=https://mirror-b.example.com")
            .Env("BUILDX_INSECURE_REGISTRY", "registry.lan:5000,https://harbor.lan:8443")
            .Read();

        Assert.That(options.RegistryMirrors, Is.EqualTo(new[] { "docker.io=https://mirror-a.example.com", "docker.io=https://mirror-b.example.com" }));
        Assert.That(options.InsecureRegistries, Is.EqualTo(new[] { "registry.lan:5000", "https://harbor.lan:8443" }));
        Assert.That(BuildxCacheOptionsValidator.Validate(options, isCI: false), Is.Empty);
    }

    [Test]
    public void An_insecure_registry_beside_an_own_config_is_valid_it_still_tells_the_registry_client()
    {
        Assert.That(Problems("insecure-registry=registry.lan:5000", "buildkitd-config=buildkitd.toml"), Is.Empty);
    }
}
