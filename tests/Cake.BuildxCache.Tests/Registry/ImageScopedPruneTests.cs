using System.Collections.Immutable;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Options.Images;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The registry prune of a run with several images sharing one cache repository (<c>--cache-repo</c>), on a real
/// registry with BuildKit's captured cache shapes: each image's prune deletes only its own scope's stale tags, by the same
/// rules and proofs as one image's, and never another image's, even when one image's name is the start of another's
/// (<c>api</c> and <c>api-v2</c>).
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class ImageScopedPruneTests : RealRegistryTests
{
    private const string Repository = "shop/cache";
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task Each_image_prunes_its_own_stale_tags_and_never_those_of_an_image_whose_name_it_starts()
    {
        foreach (var tag in new[] { "main-api", "main-api-v2", "main-worker", "gone-api", "gone-api-v2", "gone-worker", "main", "gone" })
        {
            await Content.PushCapturedAsync(Repository, tag, "cache-manifest", Now.AddDays(-5));
        }

        // Deleting works by digest: a stale api tag that is the same manifest as api-v2's main cache must stay.
        await Content.TwinAsync(Repository, "main-api-v2", "old-api");
        var before = Server.Tags(Repository);
        var targets = Targets();
        using var client = Client();
        var pruner = new RegistryCachePruner(client);

        var api = await pruner.PruneAsync(Request(targets.Single(target => target.Name == "api")));
        var afterApi = Server.Tags(Repository);
        var apiV2 = await pruner.PruneAsync(Request(targets.Single(target => target.Name == "api-v2")));
        var afterApiV2 = Server.Tags(Repository);

        TestContext.Out.WriteLine(string.Join("\n", api.Lines.Concat(apiV2.Lines)));
        Assert.Multiple(() =>
        {
            Assert.That(api.Succeeded && apiV2.Succeeded, Is.True, string.Join("\n", api.Failures.Concat(apiV2.Failures)));
            Assert.That(api.Decision.Deletions.Select(item => item.Tag.Tag), Is.EqualTo(new[] { "gone-api" }));
            Assert.That(before.Except(afterApi), Is.EqualTo(new[] { "gone-api" }), "api's prune deleted only api's stale cache");
            Assert.That(api.Lines, Has.Some.Match(@"^  ignore\s+gone-api-v2\s.*image 'api-v2''s cache"));
            Assert.That(api.Lines, Has.Some.Match(@"^  keep\s+main-api\s.*the default branch's cache"));
            Assert.That(api.Lines, Has.Some.Match(@"^  keep\s+old-api\s.*same manifest as 'main-api-v2'"));
            Assert.That(api.Lines, Has.Some.Match(@"^  ignore\s+gone\s.*not a cache tag of image scope 'api'"), "an unscoped tag is no image's");
            Assert.That(apiV2.Decision.Deletions.Select(item => item.Tag.Tag), Is.EqualTo(new[] { "gone-api-v2" }));
            Assert.That(afterApi.Except(afterApiV2), Is.EqualTo(new[] { "gone-api-v2" }), "api-v2's prune deleted only api-v2's stale cache");
            Assert.That(afterApiV2, Is.EquivalentTo(new[] { "main-api", "main-api-v2", "main-worker", "gone-worker", "main", "gone", "old-api" }), "worker's and the unscoped tags are untouched");
        });
    }

    [Test]
    public async Task An_image_left_out_of_the_run_still_keeps_its_tags_from_the_others_prune()
    {
        await Content.PushCapturedAsync("filtered/cache", "gone-api-v2", "cache-manifest", Now.AddDays(-5));
        await Content.PushCapturedAsync("filtered/cache", "gone-v2", "cache-manifest", Now.AddDays(-5));
        var declared = new[] { Image("api-v2"), Image("v2") };
        var options = new BuildxCacheOptions { CacheRepo = $"{Server.Host}/filtered/cache" };

        // Only v2 is pruned (as with --image-filter=v2): 'gone-api-v2' ends with '-v2' too, so it could be branch
        // 'gone-api''s v2 cache or branch 'gone''s api-v2 cache; the declared api-v2 makes it ambiguous, and it stays.
        var target = ImagePruneTargets.Of(declared, ["v2"], options).Single();
        using var client = Client();
        var result = await new RegistryCachePruner(client).PruneAsync(
            new RegistryPruneRequest(target.Repository, Rules() with { Image = target.Scopes }, Confirm: true) { ImageRepository = target.ImageRepository });

        TestContext.Out.WriteLine(string.Join("\n", result.Lines));
        Assert.That(Server.Tags("filtered/cache"), Is.EqualTo(new[] { "gone-api-v2" }), "v2's stale cache went; the ambiguous tag stayed");
        Assert.That(result.Lines, Has.Some.Match(@"^  ignore\s+gone-api-v2\s.*cannot be told"));
    }

    private RegistryPruneRequest Request(ImagePruneTarget target) =>
        new(target.Repository, Rules() with { Image = target.Scopes }, Confirm: true) { ImageRepository = target.ImageRepository };

    private ImmutableArray<ImagePruneTarget> Targets() =>
        ImagePruneTargets.Of([Image("api"), Image("api-v2"), Image("worker")], null, new BuildxCacheOptions { CacheRepo = $"{Server.Host}/{Repository}" });

    private ImageDeclaration Image(string name) =>
        new(name, "Dockerfile", ".", null, $"{Server.Host}/shop/{name}", ImmutableSortedDictionary<string, string>.Empty, [], [], $"test image {name}");

    private static CachePruneRules Rules() => new(string.Empty, "main", new HashSet<string>(StringComparer.Ordinal) { "main" }, null, Now);
}
