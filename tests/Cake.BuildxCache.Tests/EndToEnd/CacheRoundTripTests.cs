using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// The point of the package, with the real buildx and BuildKit: a cold build fills the registry cache,
/// PruneCache empties the builder's local cache (as an ephemeral runner starts empty), and the next build
/// imports every step from the registry (CACHED) in a fraction of the cold time. Only where a real
/// <c>docker buildx</c> and a Docker engine exist; elsewhere ignored with what is missing.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
[Category("RealBuildx")]
public sealed class CacheRoundTripTests
{
    private DockerSandbox? _sandbox;
    private Workspace? _workspace;

    private static RegistryServer Registry => EndToEndSetUp.Registry;

    [SetUp]
    public void SetUp() => RealBuildx.RequireOrIgnore();

    [TearDown]
    public void TearDown()
    {
        _workspace?.Dispose();
        _sandbox?.Dispose();
    }

    [Test]
    public void After_PruneCache_a_second_build_imports_every_step_from_the_registry_cache()
    {
        _sandbox = new DockerSandbox(BuildxKind.Real);
        _workspace = Workspace.Create();
        _workspace.Write("buildkitd.toml", $"""
            [registry."{Registry.Host}"]
              http = true
              insecure = true
            """);
        var id = Guid.NewGuid().ToString("N")[..8];
        var project = "e2e/roundtrip-" + id;
        var environment = Ci.GitLab(Registry.Host, project, Registry.User, Registry.Password, _workspace.Sha)
            .Branch("main", "main").Over(_sandbox);
        string[] common = ["--builder=e2e-" + id, "--driver-opt=network=host", "--buildkitd-config=buildkitd.toml"];
        BuildRun Run(params string[] arguments) =>
            BuildApp.Run(_workspace.Path, environment, [.. arguments, .. common], Registry.Password, TimeSpan.FromMinutes(10));

        try
        {
            var cold = Run("--target=Publish");
            Assert.That(cold.ExitCode, Is.EqualTo(0), cold.ToString());
            Assert.That(Registry.Tags(project + "/cache"), Is.EqualTo(new[] { "main" }));

            var prune = Run("--target=PruneCache");
            Assert.That(prune.ExitCode, Is.EqualTo(0), prune.ToString());
            Assert.That(prune.Output, Does.Contain("Pruned builder"));

            var warm = Run("--target=Publish");
            Assert.That(warm.ExitCode, Is.EqualTo(0), warm.ToString());
            Assert.That(warm.Output, Does.Contain($"importing cache manifest from {Registry.Host}/{project}/cache:main"));
            Assert.That(warm.Lines.Where(line => line.Contains("RUN sleep 8", StringComparison.Ordinal)), Is.Not.Empty);
            Assert.That(warm.Output, Does.Match(@"RUN sleep 8[^\n]*\n#\d+ CACHED"), "the slow step came from the registry cache");
            Assert.That(warm.Elapsed.TotalSeconds, Is.LessThan(cold.Elapsed.TotalSeconds * 0.6),
                $"warm {warm.Elapsed.TotalSeconds:0.0} s against cold {cold.Elapsed.TotalSeconds:0.0} s");
            Assert.That(warm.Lines, Has.None.Contains(Registry.Password));
        }
        finally
        {
            Run("--target=PruneCache", "--prune-remove-builder=true");
        }
    }
}
