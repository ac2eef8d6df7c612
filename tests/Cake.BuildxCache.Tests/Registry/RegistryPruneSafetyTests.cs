using System.Net;
using System.Text.Json.Nodes;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The prune deletes by digest, so it must never take a tag it promised to keep: against a real registry,
/// with BuildKit 0.32's real shapes (Fixtures/registry-0.32) and a flaky registry simulated in front of it.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class RegistryPruneSafetyTests : RealRegistryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [TestCase(HttpStatusCode.InternalServerError)]
    [TestCase(HttpStatusCode.TooManyRequests)]
    public async Task A_kept_tag_that_cannot_be_read_stops_every_deletion_and_is_named(HttpStatusCode status)
    {
        var repo = $"unread-{(int)status}/cache";
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        await Twin(repo, "main", "feature-gone");                                             // a fully cached branch: the same manifest as main
        await Content.PushCapturedAsync(repo, "feature-old", "cache-manifest", Now.AddDays(-9)); // stale and alone: would go on a healthy registry
        using var handler = new InterceptingHandler
        {
            Intercept = request => Task.FromResult(request.RequestUri!.AbsolutePath.EndsWith("/manifests/main", StringComparison.Ordinal) ? InterceptingHandler.Fail(status) : null),
        };
        using var client = Client(handler);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", Rules(), Confirm: true));

        TestContext.Out.WriteLine(string.Join("\n", result.Lines));
        Assert.Multiple(() =>
        {
            Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "feature-old", "main" }), "nothing was deleted");
            Assert.That(result.Succeeded, Is.False);
            Assert.That(result.Failures, Has.One.Contains($"could not read {Server.Host}/{repo}:main"));
            Assert.That(result.Lines, Has.Some.Contains("note: nothing is deleted: 1 tag could not be read (main)"));
            Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+feature-gone .*no branch has the slug 'feature-gone'"), "the listing is printed");
            Assert.That(handler.Requests, Has.None.StartsWith("DELETE"));
        });
    }

    [Test]
    public async Task A_stale_cache_that_shares_its_digest_with_an_unprefixed_tag_stays()
    {
        var repo = "shared-digest/app";
        await Content.PushCapturedAsync(repo, "cache-main", "cache-manifest", Now.AddDays(-3));
        await Content.PushCapturedAsync(repo, "cache-feature-gone", "cache-manifest", Now.AddDays(-5));
        await Twin(repo, "cache-feature-gone", "pinned");                                          // someone tagged that cache by hand
        using var client = Client();

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", Rules("cache-"), Confirm: true));

        Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "cache-feature-gone", "cache-main", "pinned" }), string.Join("\n", result.Lines));
        Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+cache-feature-gone .*same manifest as 'pinned'"));
    }

    [Test]
    public async Task Only_BuildKit_cache_manifests_are_deleted_in_both_real_shapes_never_an_image_with_a_cache_like_tag()
    {
        var repo = "shapes/app";
        await Content.PushCapturedAsync(repo, "cache-main", "cache-manifest", Now.AddDays(-3));
        var manifest = await Content.PushCapturedAsync(repo, "cache-feature-gone", "cache-manifest", Now.AddDays(-5)); // image-manifest=true (0.32's default)
        var index = await Content.PushCapturedAsync(repo, "cache-other-gone", "cache-index", Now.AddDays(-5));        // image-manifest=false
        await Content.PushCapturedAsync(repo, "cache-demo", "image-index", Now.AddDays(-5));                          // the image of live branch cache-demo, with attestations
        await Content.PushImageAsync(repo, "cache-plain", Now.AddDays(-5));                                          // a single image manifest
        using var client = Client();

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", Rules("cache-"), Confirm: true));

        TestContext.Out.WriteLine(string.Join("\n", result.Lines));
        Assert.Multiple(() =>
        {
            Assert.That(result.Deleted, Is.EquivalentTo(new[] { manifest, index }));
            Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "cache-demo", "cache-main", "cache-plain" }));
            Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+cache-demo .*not a BuildKit cache manifest"));
            Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+cache-plain .*not a BuildKit cache manifest"));
        });
    }

    [Test]
    public async Task A_tag_moved_after_the_listing_is_skipped()
    {
        var repo = "moved/cache";
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        var listings = 0;
        using var handler = new InterceptingHandler();
        handler.Intercept = async request =>
        {
            // A listing after the manifests were read is the one just before deleting: a build rewrites the tag in between.
            if (AfterTheReads(handler, request) && Interlocked.Increment(ref listings) == 1)
            {
                await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-4));
            }

            return null;
        };
        using var client = Client(handler);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", Rules(), Confirm: true));

        Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "main" }), string.Join("\n", result.Lines));
        Assert.That(result.Lines, Has.Some.Match(@"^  skipped feature-gone \(sha256:[0-9a-f]{64}\): 'feature-gone' changed since the listing$"));
        Assert.That(handler.Requests, Has.None.StartsWith("DELETE"));
    }

    [Test]
    public async Task A_tag_pushed_onto_a_stale_digest_after_the_listing_keeps_it()
    {
        var repo = "newtag/cache";
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", Now.AddDays(-3));
        await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        var listings = 0;
        using var handler = new InterceptingHandler();
        handler.Intercept = async request =>
        {
            if (AfterTheReads(handler, request) && Interlocked.Increment(ref listings) == 1)
            {
                await Twin(repo, "feature-gone", "feature-new");
            }

            return null;
        };
        using var client = Client(handler);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", Rules(), Confirm: true));

        Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "feature-new", "main" }), string.Join("\n", result.Lines));
        Assert.That(result.Lines, Has.Some.Contains("skipped feature-gone").And.Contains("a tag pushed since the listing points at it"));
    }

    [Test]
    public async Task A_guessed_default_branch_deletes_nothing_and_says_why()
    {
        var repo = "guessed/cache";
        await Content.PushCapturedAsync(repo, "master", "cache-manifest", Now.AddDays(-60));
        await Content.PushCapturedAsync(repo, "feature-gone", "cache-manifest", Now.AddDays(-5));
        using var client = Client();
        var rules = Rules() with { DefaultBranchGuess = "origin/HEAD is not set and git ls-remote --symref origin HEAD failed" };

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", rules, Confirm: true));

        Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-gone", "master" }), string.Join("\n", result.Lines));
        Assert.That(result.Lines, Has.Some.Contains("note: nothing is deleted: origin/HEAD is not set"));
        Assert.That(result.Decision.Deletions, Is.Empty);
    }

    private static bool AfterTheReads(InterceptingHandler handler, HttpRequestMessage request)
    {
        lock (handler.Requests)
        {
            return request.RequestUri!.AbsolutePath.EndsWith("/tags/list", StringComparison.Ordinal) && handler.Requests.Any(line => line.Contains("/manifests/", StringComparison.Ordinal));
        }
    }

    private static CachePruneRules Rules(string prefix = "") =>
        new(prefix, "main", new HashSet<string> { "main", "feature-live", "cache-demo" }, TimeSpan.FromDays(30), Now);

    private async Task Twin(string repo, string from, string to)
    {
        using var http = new HttpClient { BaseAddress = Server.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"v2/{repo}/manifests/{from}");
        request.Headers.Authorization = Server.Authorization;
        foreach (var type in MediaTypes.ManifestAccept)
        {
            request.Headers.Accept.ParseAdd(type);
        }

        using var response = await http.SendAsync(request);
        var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        var digest = await Content.PushManifestAsync(repo, to, body["mediaType"]!.GetValue<string>(), body);
        Assert.That(digest, Is.EqualTo(Server.Digest(repo, from)), "the twin is byte for byte the same manifest");
    }
}
