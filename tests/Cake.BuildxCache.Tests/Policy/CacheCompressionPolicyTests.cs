using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// The cache layers' compression: zstd by default where the builder runs a BuildKit known to write it (the module's own
/// image on a builder it creates), BuildKit's gzip where the version is unknown or older, <c>--cache-compression</c> wins.
/// </summary>
public sealed class CacheCompressionPolicyTests
{
    [TestCase("docker-container", "moby/buildkit:v0.32.2", null, CacheCompression.Zstd)]
    [TestCase("kubernetes", "moby/buildkit:v0.32.2", null, CacheCompression.Zstd)]
    [TestCase("docker-container", "moby/buildkit:v0.10.0", null, CacheCompression.Zstd)]
    [TestCase("docker-container", "mirror.example.com/moby/buildkit:v0.17.0-rootless", null, CacheCompression.Zstd)]
    [TestCase("docker-container", "moby/buildkit:v0.9.3", null, null)]
    [TestCase("docker-container", "moby/buildkit:buildx-stable-1", null, null)]
    [TestCase("docker-container", "moby/buildkit", null, null)]
    [TestCase("remote", "moby/buildkit:v0.32.2", null, null)]
    [TestCase("docker", "moby/buildkit:v0.32.2", null, null)]
    [TestCase("docker-container", "moby/buildkit:v0.32.2", CacheCompression.Gzip, CacheCompression.Gzip)]
    [TestCase("remote", "moby/buildkit:v0.32.2", CacheCompression.Zstd, CacheCompression.Zstd)]
    public void The_cache_layers_are_zstd_only_where_the_builders_BuildKit_is_known_to_write_it(string driver, string image, CacheCompression? given, CacheCompression? expected)
    {
        var options = new BuildxCacheOptions { Image = "registry.example.com/app", BuilderDriver = driver, BuildkitImage = image, CacheCompression = given };

        var (compression, why) = CacheCompressionPolicy.Decide(options);

        Assert.That(compression, Is.EqualTo(expected));
        Assert.That(why, Does.StartWith(expected?.ToString().ToLowerInvariant() ?? "gzip"));
    }

    [Test]
    public void The_cache_to_ref_carries_the_compression_and_the_plan_says_why()
    {
        var plan = BuildPlanner.Plan(GitLabBranch("main"), new BuildxCacheOptions { Image = "registry.example.com/app" }, Created);

        Assert.That(plan.CacheTo?.ToString(), Is.EqualTo("type=registry,ref=registry.example.com/app/cache:main,mode=max,ignore-error=true,compression=zstd"));
        Assert.That(plan.Notes, Has.Some.Contains("layers zstd (default: the builder runs moby/buildkit:v0.32.2; the image's own layers stay gzip)"));
    }
}
