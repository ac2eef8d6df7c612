using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// Old buildx stays supported: <c>./build.sh --target=Publish</c> against buildx 0.10.5 (January 2023), which
/// no engine here runs. The buildx test double (<c>Doubles/docker-buildx</c>) stands in for it: a real part
/// cannot produce this version's answers, so the double replays the captured 0.10.5 outputs
/// (<c>Fixtures/buildx-0.10.5</c>) and pushes a small image and cache ref to the real registry. Everything a
/// current buildx does is tested against the real one (category RealStack).
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
public sealed class OldBuildxTests
{
    private DockerSandbox _sandbox = null!;
    private Workspace _workspace = null!;
    private string _project = null!;
    private string _builder = null!;

    private static RegistryServer Registry => EndToEndSetUp.Registry;

    private string Image => $"{Registry.Host}/{_project}";

    [SetUp]
    public void SetUp()
    {
        _project = "e2e/old-" + Guid.NewGuid().ToString("N")[..8];
        _builder = TestBuilders.NewName();
        _sandbox = new DockerSandbox(BuildxKind.Double);
        _workspace = Workspace.Create();
        _workspace.Write("buildkitd.toml", $"[registry.\"{Registry.Host}\"]\n  http = true\n");
    }

    [TearDown]
    public void TearDown()
    {
        _workspace?.Dispose();
        _sandbox?.Dispose();
    }

    private BuildRun Publish(params string[] arguments) =>
        BuildApp.Run(
            _workspace.Path,
            Ci.GitLab(Registry.Host, _project, Registry.User, Registry.Password, _workspace.Sha).Branch("main", "main").Over(_sandbox),
            ["--target=Publish", "--builder=" + _builder, "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml", "--check-cache-refs=false", .. arguments],
            secret: Registry.Password);

    [Test]
    public void Buildx_0_10_gets_config_instead_of_buildkitd_config_and_its_progress_is_read()
    {
        var run = Publish("--prune-until=72h");

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var calls = _sandbox.DockerCalls();
        Assert.That(calls.Select(call => call[0] == "buildx" ? "buildx " + call[1] : call[0]), Is.EqualTo(new[]
        {
            "buildx version", "buildx create", "login", "buildx build", "buildx prune", "logout",
        }));
        // buildx 0.13 renamed --config to --buildkitd-config; 0.10 knows only the old name.
        Assert.That(calls[1], Is.EqualTo(new[]
        {
            "buildx", "create", "--name", _builder, "--driver", "docker-container", "--driver-opt", "image=moby/buildkit:v0.32.2", "--driver-opt", "network=host", "--config", "buildkitd.toml", "--bootstrap",
        }));
        Assert.That(
            _sandbox.PluginCalls().Select(call => call.Arguments),
            Is.EqualTo(calls.Where(call => call[0] == "buildx").Select(call => call.Skip(1).ToList())),
            "the real docker CLI handed every buildx command, unchanged, to the plugin");
        Assert.That(_sandbox.PluginCalls().Select(call => call.Stdin), Has.All.Empty, "buildx got nothing on stdin");
        Assert.That(run.Output, Does.Contain("cache: 0 of 2 build steps cached"), "the 0.10.5 plain progress was read");
        Assert.That(run.Output, Does.Contain($"Published {Image}@{Registry.Digest(_project, "main")}"));
        Assert.That(run.Scan!.Leaks, Is.Empty);
    }

    [Test]
    public void A_cache_export_error_in_0_10_wording_with_ignore_error_still_publishes()
    {
        _sandbox.FailDouble("cache-export");

        var run = Publish();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        Assert.That(run.Output, Does.Contain("ERROR: error writing layer blob"));
        Assert.That(run.Output, Does.Contain($"Published {Image}@"));
        Assert.That(Registry.Tags(_project + "/cache"), Is.Empty);
    }
}
