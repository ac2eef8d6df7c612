using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

public sealed class CacheRefPolicyTests
{
    [Test]
    public void Cache_to_passes_the_registry_options_when_set()
    {
        var options = CiOptions with
        {
            CacheMode = CacheMode.Min,
            CacheIgnoreError = false,
            CacheImageManifest = true,
            CacheOciMediaTypes = true,
            CacheCompression = CacheCompression.Zstd,
        };

        var decision = CacheRefPolicy.Decide(GitLabBranch("main"), options);

        Assert.That(decision.To?.ToString(), Is.EqualTo(
            $"type=registry,ref={Cache}:main,mode=min,ignore-error=false,image-manifest=true,oci-mediatypes=true,compression=zstd"));
    }

    [Test]
    public void Image_colon_cache_style_uses_the_image_repository_and_a_prefix()
    {
        var options = CiOptions with { CacheRepo = Image, CacheTagPrefix = "cache-" };

        var decision = CacheRefPolicy.Decide(GitLabMergeRequest("feature/x", "develop"), options);

        Assert.That(decision.From.Select(spec => spec.Ref), Is.EqualTo(new[] { $"{Image}:cache-feature-x", $"{Image}:cache-develop", $"{Image}:cache-main" }));
        Assert.That(decision.To?.Ref, Is.EqualTo($"{Image}:cache-feature-x"));
    }

    [Test]
    public void A_cache_in_another_registry_is_used_as_given()
    {
        var options = CiOptions with { CacheRepo = "cache.example.com:5000/buildcache/app" };

        var decision = CacheRefPolicy.Decide(GitLabBranch("main"), options);

        Assert.That(decision.To?.Ref, Is.EqualTo("cache.example.com:5000/buildcache/app:main"));
    }

    [TestCase(null, false, true, "local run")]
    [TestCase(false, false, false, null)]
    [TestCase(null, true, false, null)]
    [TestCase(true, true, true, "cache-readonly=true")]
    public void A_local_run_writes_the_cache_only_when_asked(bool? readOnly, bool push, bool expectReadOnly, string? reason)
    {
        var options = LocalOptions with { CacheReadOnly = readOnly, Push = push ? true : null };

        var decision = CacheRefPolicy.Decide(LocalBranch("feature/local"), options);

        Assert.That(decision.To is null, Is.EqualTo(expectReadOnly));
        if (reason is not null)
        {
            Assert.That(decision.Notes, Has.Some.StartsWith("cache read-only: " + reason));
        }
    }

    [Test]
    public void Cache_readonly_true_stops_writing_in_ci()
    {
        var options = CiOptions with { CacheReadOnly = true };

        var decision = CacheRefPolicy.Decide(GitLabBranch("main"), options);

        Assert.That(decision.To, Is.Null);
        Assert.That(decision.From, Has.Count.EqualTo(1));
        Assert.That(decision.Notes, Does.Contain("cache read-only: cache-readonly=true (default)"));
    }

    [Test]
    public void A_fork_never_writes_even_when_asked()
    {
        var options = CiOptions with { CacheReadOnly = false };

        var decision = CacheRefPolicy.Decide(GitLabMergeRequest("main", "main", fork: true), options);

        Assert.That(decision.To, Is.Null);
        Assert.That(decision.Notes, Has.Some.Contains("cache-readonly=false ignored"));
    }

    [Test]
    public void A_branch_with_an_empty_slug_reads_the_default_branch_and_writes_nothing()
    {
        var decision = CacheRefPolicy.Decide(GitLabBranch("日本語"), CiOptions);

        Assert.That(decision.From.Select(spec => spec.Ref), Is.EqualTo(new[] { $"{Cache}:main" }));
        Assert.That(decision.To, Is.Null);
        Assert.That(decision.Notes, Has.Some.Contains("gives no usable cache tag"));
    }

    [Test]
    public void No_image_means_no_cache()
    {
        var decision = CacheRefPolicy.Decide(GitLabBranch("main"), new BuildxCacheOptions());

        Assert.That(decision.From, Is.Empty);
        Assert.That(decision.To, Is.Null);
    }

    [Test]
    public void Cache_tags_stay_within_128_characters()
    {
        var slug = new string('s', 63);

        Assert.That(CacheRefPolicy.CacheRef("r/app", new string('p', 65), slug), Is.EqualTo("r/app:" + new string('p', 65) + slug));
        Assert.That(CacheRefPolicy.CacheRef("r/app", new string('p', 66), slug), Is.Null);
        Assert.That(CacheRefPolicy.CacheRef("r/app", "-bad", "main"), Is.Null);
        Assert.That(CacheRefPolicy.CacheRef("r/app", "cache-", ""), Is.Null);
    }
}
