using Cake.BuildxCache.Tests.EndToEnd.Harness;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.EndToEnd;

/// <summary>
/// A cache repository in a second registry, with the real buildx and BuildKit: both registries get a login with
/// their own credentials, and a cache registry that refuses pushes (the registry's read-only maintenance mode, a
/// real export failure) fails the build only when <c>--cache-ignore-error=false</c>.
/// </summary>
[Parallelizable(ParallelScope.Self)]
[Category("EndToEnd")]
[Category("RealStack")]
public sealed class CacheRegistryTests
{
    private const string CacheUser = "cache-writer";

    private readonly string _cachePassword = "cache-" + Guid.NewGuid().ToString("N")[..16];
    private RealScene _scene = null!;
    private RegistryServer _cacheRegistry = null!;

    private static RegistryServer Registry => RealScene.Registry;

    [TearDown]
    public void TearDown()
    {
        _scene?.Dispose();
        _cacheRegistry?.Dispose();
    }

    private void Start(bool readOnly)
    {
        RealStack.Require();
        _cacheRegistry = RegistryServer.Start(user: CacheUser, password: _cachePassword, readOnly: readOnly);
        _scene = RealScene.Create("cachereg", _cacheRegistry);
    }

    private string CacheRepo => $"{_cacheRegistry.Host}/{_scene.Project}/cache";

    private BuildRun Publish(params string[] arguments) =>
        _scene.Run(
            _scene.GitLab().Branch("main", "main").With(("BUILDX_CACHE_REGISTRY_PASSWORD", _cachePassword)),
            ["--target=Publish", "--cache-repo=" + CacheRepo, "--cache-registry-user=" + CacheUser, .. arguments]);

    private void AssertNoLeak(BuildRun run)
    {
        Assert.That(run.Lines, Has.None.Contains(_cachePassword).And.None.Contains(Registry.Password));
        Assert.That(run.Scan!.Leaks, Is.Empty);
    }

    [Test]
    public void Image_and_cache_in_two_registries_log_in_to_both_and_each_gets_its_part()
    {
        Start(readOnly: false);

        var run = Publish();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        // Both logged in to, and both logged out of at the end of the CI run.
        Assert.That(_scene.Calls("logout").Select(call => call[^1]), Is.EquivalentTo(new[] { Registry.Host, _cacheRegistry.Host }));
        Assert.That(_scene.Sandbox.StoredLogins(), Is.Empty);
        var logins = _scene.Calls("login");
        Assert.That(logins.Select(call => call[^1]), Is.EquivalentTo(new[] { Registry.Host, _cacheRegistry.Host }));
        Assert.That(logins.Single(call => call[^1] == _cacheRegistry.Host), Does.Contain(CacheUser));
        Assert.That(_cacheRegistry.Tags(_scene.Project + "/cache"), Is.EqualTo(new[] { "main" }), "the cache went to the second registry");
        Assert.That(Registry.Tags(_scene.Project), Has.Member("main"), "the image went to the first");
        Assert.That(Registry.Tags(_scene.CacheRepository), Is.Empty, "no cache in the image's registry");
        AssertNoLeak(run);
    }

    [Test]
    public void A_cache_registry_that_refuses_pushes_does_not_stop_the_release_with_ignore_error()
    {
        Start(readOnly: true);

        var run = Publish();

        Assert.That(run.ExitCode, Is.EqualTo(0), run.ToString());
        var report = ReportFile.Read(_scene.Workspace);
        Assert.That(report.Exported, Is.False, report.ToString());
        Assert.That(report.ExportErrors, Is.Not.Empty, "the report says the cache export failed: " + report);
        var digest = Registry.Digest(_scene.Project, "main");
        Assert.That(digest, Is.Not.Null, "the image was published");
        Assert.That(run.Output, Does.Contain($"Published {_scene.Image}@{digest}"));
        Assert.That(_cacheRegistry.Tags(_scene.Project + "/cache"), Is.Empty);
        AssertNoLeak(run);
    }

    [Test]
    public void A_cache_registry_that_refuses_pushes_fails_the_build_without_ignore_error()
    {
        Start(readOnly: true);

        var run = Publish("--cache-ignore-error=false");

        Assert.That(run.ExitCode, Is.Not.EqualTo(0), run.ToString());
        var build = _scene.Calls("buildx", "build").Single();
        Assert.That(build, Has.Member($"type=registry,ref={CacheRepo}:main,mode=max,ignore-error=false,compression=zstd"));
        Assert.That(run.Output, Does.Contain("docker buildx build").And.Contain("failed (exit code 1)"));
        Assert.That(run.Output, Does.Contain("ERROR:").And.Contain(_cacheRegistry.Host), "buildx's own reason names the registry");
        Assert.That(run.Output, Does.Not.Contain("Published "));
        AssertNoLeak(run);
    }
}
