using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Refs;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=PruneCache --prune-registry --confirm</c> as a process over scoped cache tags
/// (<c>&lt;slug&gt;-&lt;scope&gt;</c>, <c>--cache-scope</c>) in the real registry, with the live branches from a real
/// <c>git ls-remote --heads origin</c>: a live branch's per-platform caches stay, a deleted branch's go, the default
/// branch's stay unless older than <c>--cache-max-age</c>.
/// </summary>
[NonParallelizable]
[Category("EndToEnd")]
public sealed class ScopedRegistryPruneTests
{
    private DockerSandbox _sandbox = null!;
    private Workspace _workspace = null!;
    private GitRepository _origin = null!;
    private string _project = null!;

    private static RegistryServer Registry => EndToEndSetUp.Registry;

    private string CacheRepository => _project + "/cache";

    [SetUp]
    public void SetUp()
    {
        _project = "e2e/scoped-prune-" + Guid.NewGuid().ToString("N")[..8];
        _sandbox = new DockerSandbox(BuildxKind.None);
        _workspace = Workspace.Create();

        // The remote: main and feature/live exist; feature/gone was deleted.
        _origin = GitRepository.Init("main");
        _origin.Commit("initial");
        _origin.Git("branch", "feature/live");
        _workspace.Repository.Git("remote", "add", "origin", _origin.Path);
    }

    [TearDown]
    public void TearDown()
    {
        _origin?.Dispose();
        _workspace?.Dispose();
        _sandbox?.Dispose();
    }

    [Test]
    public void A_live_branchs_platform_caches_stay_and_a_deleted_branchs_go()
    {
        var now = DateTimeOffset.UtcNow;
        using (var content = new RegistryContent(Registry))
        {
            foreach (var (tag, age) in new[]
            {
                ("main-linux-amd64", TimeSpan.FromDays(2)),
                ("main-linux-386", TimeSpan.FromDays(2)),
                ("main-linux-s390x", TimeSpan.FromDays(45)),     // a platform the default branch no longer builds
                ("feature-live-linux-amd64", TimeSpan.FromDays(3)),
                ("feature-live-linux-386", TimeSpan.FromDays(3)),
                ("feature-gone-linux-amd64", TimeSpan.FromDays(3)),
                ("feature-gone-linux-386", TimeSpan.FromDays(3)),
            })
            {
                content.PushCacheManifestAsync(CacheRepository, tag, [now - age - TimeSpan.FromMinutes(2), now - age]).GetAwaiter().GetResult();
            }
        }

        var job = Ci.GitLab(Registry.Host, _project, Registry.User, Registry.Password, _workspace.Sha).Branch("main", "main");
        var run = BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=PruneCache", "--prune-registry", "--cache-max-age=720h", "--confirm"], secret: Registry.Password);

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines, Has.Some.Match(@"^  keep\s+feature-live-linux-386\s+.*the branch exists \(scope 'linux-386'\)"));
        Assert.That(run.Lines, Has.Some.Match(@"^  keep\s+main-linux-amd64\s+.*the default branch's cache \(scope 'linux-amd64'\)"));
        Assert.That(run.Lines, Has.Some.Match(@"^  deleted feature-gone-linux-386 \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(Registry.Tags(CacheRepository), Is.EqualTo(new[] { "feature-live-linux-386", "feature-live-linux-amd64", "main-linux-386", "main-linux-amd64" }));
    }
}
