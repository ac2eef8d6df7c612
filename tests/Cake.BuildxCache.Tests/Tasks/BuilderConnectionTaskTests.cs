using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.Tasks.Support;

namespace Cake.BuildxCache.Tests.Tasks;

/// <summary>
/// EnsureBuilder and Plan through the real host with the generated buildkitd.toml (<c>--registry-mirror</c>,
/// <c>--insecure-registry</c>) and the remote driver (<c>--builder-endpoint</c>): the exact docker commands, the file
/// written, and when an existing builder is reused or recreated.
/// </summary>
public sealed class BuilderConnectionTaskTests
{
    private const string Mirror = "--registry-mirror=docker.io=https://mirror.example.com";
    private const string Insecure = "--insecure-registry=registry.lan:5000";
    private const string Endpoint = "tcp://127.0.0.1:1234";

    // The generated config of Mirror and Insecure, as the policy makes it.
    private static GeneratedBuildkitdConfig Generated(params string[] insecure)
    {
        var options = new BuildxCacheOptions { RegistryMirrors = ["docker.io=https://mirror.example.com"] };
        return BuildkitdConfigPolicy.Generate(options with { InsecureRegistries = insecure.Length == 0 ? ["registry.lan:5000"] : insecure })!;
    }

    // The captured running builder (image local/buildkit:v0.11.6, network host) with a config hash recorded on it.
    private static Func<string, string> RecordedHash(string hash) =>
        line => line.StartsWith("Driver Options:", StringComparison.Ordinal) ? line + $" env.CAKE_BUILDXCACHE_CONFIG=\"{hash}\"" : line;

    [Test]
    public void A_missing_builder_is_created_with_the_generated_config_written_first_and_its_hash_recorded()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        var generated = Generated();

        var run = host.Run("--target=EnsureBuilder", Mirror, Insecure);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            $"buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"env.CAKE_BUILDXCACHE_CONFIG={generated.Hash}\" --driver-opt \"image=moby/buildkit:v0.32.2\" --config \"artifacts/buildkitd.toml\" --bootstrap",
        }));
        Assert.That(File.ReadAllText(Path.Combine(workspace.Path, "artifacts", "buildkitd.toml")), Is.EqualTo(generated.Content));
        Assert.That(generated.Content, Does.Contain("[registry.\"docker.io\"]\n  mirrors = [\"mirror.example.com\"]\n").And.Contain("[registry.\"registry.lan:5000\"]\n  http = true\n"));
        Assert.That(run.Output, Does.Contain($"Wrote artifacts/buildkitd.toml (config {generated.Hash}), generated from --registry-mirror and --insecure-registry."));
    }

    [Test]
    public void A_builder_with_the_same_config_is_reused_and_one_with_another_is_recreated()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;
        string[] arguments = ["--target=EnsureBuilder", "--driver-opt=network=host", "--buildkit-image=local/buildkit:v0.11.6", Mirror];
        var before = Generated();
        host.Docker.EditInspect = RecordedHash(before.Hash);

        var same = host.Run([.. arguments, Insecure]);
        var changed = host.Run([.. arguments, Insecure, "--insecure-registry=other.lan:5000"]);

        Assert.That(same.ExitCode, Is.Zero, same.ToString);
        Assert.That(same.Output, Does.Contain("Reusing builder buildx-cache (driver docker-container, running)."));
        Assert.That(changed.ExitCode, Is.Zero, changed.ToString);
        var after = Generated("registry.lan:5000", "other.lan:5000");
        Assert.That(changed.Output, Does.Contain($"Recreating builder buildx-cache: its generated buildkitd.toml differs (config {before.Hash}, the plan's is {after.Hash})."));
        var create = $"buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"env.CAKE_BUILDXCACHE_CONFIG={after.Hash}\" --driver-opt \"image=local/buildkit:v0.11.6\" --driver-opt \"network=host\" --config \"artifacts/buildkitd.toml\" --bootstrap";
        Assert.That(changed.Commands.Skip(3), Is.EqualTo(new[] { Commands.Version, create, Commands.Inspect, Commands.Remove, create }));
        Assert.That(File.ReadAllText(Path.Combine(workspace.Path, "artifacts", "buildkitd.toml")), Does.Contain("[registry.\"other.lan:5000\"]"));
    }

    [Test]
    public void A_users_own_config_is_passed_as_it_is_and_nothing_is_generated()
    {
        using var workspace = Workspace.Plain();
        workspace.Write("buildkitd.toml", "[registry.\"registry.lan:5000\"]\n  http = true\n");
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=EnsureBuilder", Insecure, "--buildkitd-config=buildkitd.toml");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands[^1], Is.EqualTo("buildx create --name \"buildx-cache\" --driver \"docker-container\" --driver-opt \"image=moby/buildkit:v0.32.2\" --config \"buildkitd.toml\" --bootstrap"));
        Assert.That(File.Exists(Path.Combine(workspace.Path, "artifacts", "buildkitd.toml")), Is.False);
    }

    [Test]
    public void Plan_prints_the_generated_file_and_how_the_registry_client_speaks_to_each_host()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        var generated = Generated("registry.lan:5000", "https://harbor.lan:8443");

        var run = host.Run("--target=Plan", Mirror, Insecure, "--insecure-registry=https://harbor.lan:8443");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.Empty, "Plan runs no docker");
        Assert.That(run.Output, Does.Contain(
            $"  buildkitd.toml: artifacts/buildkitd.toml, generated from --registry-mirror and --insecure-registry (config {generated.Hash}; a builder with another is recreated):\n"
            + "                  # Generated by Cake.BuildxCache from --registry-mirror and --insecure-registry.\n"
            + "                  [registry.\"docker.io\"]\n"
            + "                    mirrors = [\"mirror.example.com\"]\n"
            + "                  [registry.\"harbor.lan:8443\"]\n"
            + "                    insecure = true\n"
            + "                  [registry.\"registry.lan:5000\"]\n"
            + "                    http = true\n"
            + "  registry api:   http://registry.lan:5000/ (plain HTTP); https://harbor.lan:8443/ without certificate checks (--insecure-registry)\n"));
        Assert.That(run.Output, Does.Contain("    writes artifacts/buildkitd.toml (generated from --registry-mirror, --insecure-registry; content under Plan)\n"));
        Assert.That(File.Exists(Path.Combine(workspace.Path, "artifacts", "buildkitd.toml")), Is.False, "Plan writes nothing");
    }

    [Test]
    public void A_remote_builder_is_created_on_its_endpoint_with_its_TLS_files_and_no_config()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run(
            "--target=EnsureBuilder", "--builder-driver=remote", "--builder-endpoint=" + Endpoint, Mirror,
            "--driver-opt=cacert=/certs/ca.pem", "--driver-opt=cert=/certs/cert.pem", "--driver-opt=key=/certs/key.pem");

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Commands, Is.EqualTo(new[]
        {
            Commands.Version,
            $"buildx create --name \"buildx-cache\" --driver \"remote\" --driver-opt \"cacert=/certs/ca.pem\" --driver-opt \"cert=/certs/cert.pem\" --driver-opt \"key=/certs/key.pem\" --bootstrap \"{Endpoint}\"",
        }));
        Assert.That(run.Output, Does.Contain($"Creating builder buildx-cache (driver remote, daemon {Endpoint})"));
        Assert.That(File.Exists(Path.Combine(workspace.Path, "artifacts", "buildkitd.toml")), Is.False, "the daemon reads its own config");
    }

    [Test]
    public void Plan_says_a_remote_daemon_needs_the_registry_settings_itself()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=Plan", "--builder-driver=remote", "--builder-endpoint=" + Endpoint, Insecure);

        Assert.That(run.ExitCode, Is.Zero, run.ToString);
        Assert.That(run.Output, Does.Contain($"  builder nodes (1):\n                  buildx-cache0: remote BuildKit daemon {Endpoint} (no TLS); its daemon's platforms\n"));
        Assert.That(run.Output, Does.Contain($"  buildkitd.toml: not passed: the remote driver's daemon reads its own config (buildx refuses one); give the daemon at {Endpoint} these settings from --insecure-registry:\n"));
        Assert.That(run.Output, Does.Contain("                  [registry.\"registry.lan:5000\"]\n                    http = true\n"));
        Assert.That(run.Output, Does.Contain($"    docker buildx create --name \"buildx-cache\" --driver \"remote\" --bootstrap \"{Endpoint}\"    # buildx refuses it, changing nothing, when a builder of that name exists\n"));
    }

    [Test]
    public void A_remote_builder_on_another_daemon_is_recreated_and_one_on_its_own_is_reused()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());
        host.Docker.Builder = BuilderState.Running;
        host.Docker.EditInspect = line => line
            .Replace("docker-container", "remote", StringComparison.Ordinal)
            .Replace("unix:///var/run/docker.sock", "tcp://127.0.0.1:4321", StringComparison.Ordinal);

        var other = host.Run("--target=EnsureBuilder", "--builder-driver=remote", "--builder-endpoint=" + Endpoint);
        var own = host.Run("--target=EnsureBuilder", "--builder-driver=remote", "--builder-endpoint=tcp://127.0.0.1:4321");

        Assert.That(other.ExitCode, Is.Zero, other.ToString);
        Assert.That(other.Output, Does.Contain($"Recreating builder buildx-cache: it connects to tcp://127.0.0.1:4321, the plan needs {Endpoint}."));
        Assert.That(own.ExitCode, Is.Zero, own.ToString);
        Assert.That(own.Output, Does.Contain("Reusing builder buildx-cache (driver remote, running)."));
    }

    [Test]
    public void Remote_without_an_endpoint_stops_before_any_docker_command()
    {
        using var workspace = Workspace.Plain();
        var host = new BuildxHost(workspace, Jobs.GitLabFeatureBranch());

        var run = host.Run("--target=Publish", "--builder-driver=remote");

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString);
        Assert.That(run.Commands, Is.Empty);
        Assert.That(run.Output, Does.Contain("builder-endpoint: is needed by builder-driver=remote").And.Contain("set --builder-endpoint=tcp://buildkitd.example.com:1234, BUILDX_BUILDER_ENDPOINT"));
    }
}
