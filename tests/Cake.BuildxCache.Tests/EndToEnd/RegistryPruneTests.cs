using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Refs;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// <c>./build.sh --target=PruneCache --prune-registry</c> as a process, against the real registry (deletes on):
/// cache tags of a live branch, a gone branch, the default branch, an old live branch and a branch deleted minutes
/// ago are pushed over the registry API with BuildKit's cache shape; the live branches come from a real
/// <c>git ls-remote --heads origin</c> against a real origin repository. A dry run deletes nothing and lists
/// everything; <c>--confirm</c> deletes exactly what it listed, as the registry's own tag list shows.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
public sealed class RegistryPruneTests
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
        _project = "e2e/prune-" + Guid.NewGuid().ToString("N")[..8];
        _sandbox = new DockerSandbox(BuildxKind.None);
        _workspace = Workspace.Create();

        // The remote the CI checkout came from: main, feature/live and release/1.0 exist; feature/gone was deleted.
        _origin = GitRepository.Init("main");
        _origin.Commit("initial");
        _origin.Git("branch", "feature/live");
        _origin.Git("branch", "release/1.0");
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
    public void A_dry_run_lists_the_stale_caches_and_deletes_nothing_then_confirm_deletes_exactly_those()
    {
        Seed();
        var job = Ci.GitLab(Registry.Host, _project, Registry.User, Registry.Password, _workspace.Sha).Branch("main", "main");

        var dryRun = Prune(job, "--cache-max-age=720h");
        var afterDryRun = Registry.Tags(CacheRepository);
        var confirmed = Prune(job, "--cache-max-age=720h", "--confirm");

        TestContext.Out.WriteLine(dryRun.Output);
        TestContext.Out.WriteLine(confirmed.Output);
        Assert.Multiple(() =>
        {
            Assert.That(dryRun.ExitCode, Is.Zero, dryRun.ToString());
            Assert.That(afterDryRun, Is.EqualTo(new[] { "feature-gone", "feature-just-merged", "feature-live", "main", "release-1-0" }), "the dry run deleted nothing");
            Assert.That(dryRun.Output, Does.Contain("registry prune: 3 live branches from git ls-remote --heads origin: feature/live, main, release/1.0"));
            Assert.That(dryRun.Output, Does.Contain($"registry cache prune: {Registry.Host}/{CacheRepository} (dry run, nothing is deleted; --confirm deletes)"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  would delete\s+feature-gone\s+\d+\.\d MiB\s+\S+ \S+Z\s+no branch has the slug 'feature-gone'$"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  would delete\s+release-1-0\s+\d+\.\d MiB .*written 40d ago, more than the max age 30d$"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  keep\s+main\s+\d+\.\d MiB .*the default branch's cache$"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  keep\s+feature-live\s+.*the branch exists"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  keep\s+feature-just-merged\s+.*but it was written \d+m ago \(within 1h\)$"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  would delete 2 of 5 cache tags \(2 manifests\), \d+\.\d MiB"));
            Assert.That(dryRun.Output, Does.Contain("registry prune: dry run, nothing was deleted; add --confirm to delete."));

            Assert.That(confirmed.ExitCode, Is.Zero, confirmed.ToString());
            Assert.That(confirmed.Lines, Has.Some.Match(@"^  deleted feature-gone \(sha256:[0-9a-f]{64}\)$"));
            Assert.That(confirmed.Lines, Has.Some.Match(@"^  deleted release-1-0 \(sha256:[0-9a-f]{64}\)$"));
            Assert.That(Registry.Tags(CacheRepository), Is.EqualTo(new[] { "feature-just-merged", "feature-live", "main" }), "the default branch's, the live branch's and the recent cache stay");

            Assert.That(_sandbox.DockerCalls(), Is.Empty, "the registry prune runs no docker command");
            foreach (var run in new[] { dryRun, confirmed })
            {
                Assert.That(run.Lines, Has.None.Contains(Registry.Password), "an output line shows the password");
                Assert.That(run.Scan!.Leaks, Is.Empty, "a process's argv held the password");
            }
        });
    }

    [Test]
    public void Locally_the_prune_uses_the_credentials_of_an_earlier_docker_login()
    {
        Seed();
        var image = $"{Registry.Host}/{_project}";
        var login = BuildApp.Run(
            _workspace.Path,
            Local().With(("BUILDX_REGISTRY_USER", Registry.User), ("BUILDX_REGISTRY_PASSWORD", Registry.Password)).Over(_sandbox),
            ["--target=Login", "--image=" + image]);
        Assert.That(login.ExitCode, Is.Zero, login.ToString());
        Assert.That(_sandbox.StoredLogins(), Is.EqualTo(new[] { Registry.Host }));

        var run = BuildApp.Run(
            _workspace.Path,
            Local().Over(_sandbox),
            ["--target=PruneCache", "--prune-registry", "--image=" + image, "--live-branches=feature/live,release/1.0", "--confirm"],
            secret: Registry.Password);

        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain("registry prune: 3 live branches from --live-branches and the default branch: feature/live, release/1.0, main"));
        Assert.That(Registry.Tags(CacheRepository), Is.EqualTo(new[] { "feature-just-merged", "feature-live", "main", "release-1-0" }), "no --cache-max-age: only the gone branch's cache went");
    }

    [Test]
    public void An_unreachable_registry_fails_the_prune_with_the_registry_named()
    {
        var closed = "127.0.0.1:" + RegistryServer.FreePort();
        var job = Ci.GitLab(closed, _project, Registry.User, Registry.Password, _workspace.Sha).Branch("main", "main");

        var run = Prune(job);

        Assert.That(run.ExitCode, Is.Not.Zero, run.ToString());
        Assert.That(run.Output, Does.Contain($"registry prune of {closed}/{CacheRepository} failed, nothing was deleted:").And.Contain(closed));
    }

    private static Dictionary<string, string> Local() => [];

    /// <summary>Scoped cache tags (<c>&lt;slug&gt;-&lt;scope&gt;</c>, <c>--cache-scope</c>) belong to their branch.</summary>
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
                content.RecordAsync(CacheRepository, tag, CacheRecord.Of(new string('a', 40)).WithWritten(now - age)).GetAwaiter().GetResult();
            }
        }

        var job = Ci.GitLab(Registry.Host, _project, Registry.User, Registry.Password, _workspace.Sha).Branch("main", "main");
        var run = Prune(job, "--cache-max-age=720h", "--confirm");

        TestContext.Out.WriteLine(run.Output);
        Assert.That(run.ExitCode, Is.Zero, run.ToString());
        Assert.That(run.Lines, Has.Some.Match(@"^  keep\s+feature-live-linux-386\s+.*the branch exists \(scope 'linux-386'\)"));
        Assert.That(run.Lines, Has.Some.Match(@"^  keep\s+main-linux-amd64\s+.*the default branch's cache \(scope 'linux-amd64'\)"));
        Assert.That(run.Lines, Has.Some.Match(@"^  deleted feature-gone-linux-386 \(sha256:[0-9a-f]{64}\)$"));
        Assert.That(Registry.Tags(CacheRepository), Is.EqualTo(new[] { "feature-live-linux-386", "feature-live-linux-amd64", "main-linux-386", "main-linux-amd64" }));
    }

    private BuildRun Prune(Dictionary<string, string> job, params string[] arguments) =>
        BuildApp.Run(_workspace.Path, job.Over(_sandbox), ["--target=PruneCache", "--prune-registry", .. arguments], secret: Registry.Password);

    /// <summary>Cache refs in BuildKit's registry-cache shape, their layers stamped with when they were built.</summary>
    private void Seed()
    {
        var now = DateTimeOffset.UtcNow;
        using var content = new RegistryContent(Registry);
        void Push(string tag, int layerKiB, TimeSpan age, bool imageManifest = false)
        {
            content.CacheLayerSize = layerKiB * 1024;
            var times = new[] { now - age - TimeSpan.FromMinutes(3), now - age };
            (imageManifest
                ? content.PushCacheManifestAsync(CacheRepository, tag, times)
                : content.PushCacheIndexAsync(CacheRepository, tag, times)).GetAwaiter().GetResult();

            // The record every build now puts on the ref it writes: the write time is what the age rule reads.
            content.RecordAsync(CacheRepository, tag, CacheRecord.Of(new string('a', 40)).WithWritten(now - age)).GetAwaiter().GetResult();
        }

        Push("main", 2900, TimeSpan.FromDays(60));                  // the default branch: kept however old
        Push("feature-live", 1700, TimeSpan.FromDays(2));           // a live branch
        Push("feature-gone", 2300, TimeSpan.FromDays(3));           // its branch was deleted
        Push("release-1-0", 3100, TimeSpan.FromDays(40), true);     // a live branch, older than the max age (image-manifest=true form)
        Push("feature-just-merged", 1200, TimeSpan.FromMinutes(12)); // its branch was deleted minutes after the last build
    }
}
