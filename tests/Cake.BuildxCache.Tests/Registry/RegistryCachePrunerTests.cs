using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>Registry-side cache pruning against a real registry with delete enabled (and one with it disabled).</summary>
[TestFixture]
[Category("Registry")]
public sealed class RegistryCachePrunerTests : RealRegistryTests
{
    private static readonly DateTimeOffset Now = DateTimeOffset.UtcNow;

    [Test]
    public async Task A_dry_run_lists_what_would_go_and_deletes_nothing_then_confirm_deletes_exactly_that()
    {
        var repo = "prune/app/cache";
        await Seed(repo, prefix: string.Empty);
        using var client = Client();
        var pruner = new RegistryCachePruner(client);
        var rules = Rules(prefix: string.Empty);

        var dryRun = await pruner.PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", rules));
        var before = Server.Tags(repo);
        var confirmed = await pruner.PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", rules, Confirm: true));
        var after = Server.Tags(repo);

        TestContext.Out.WriteLine(string.Join("\n", dryRun.Lines));
        TestContext.Out.WriteLine(string.Join("\n", confirmed.Lines));
        Assert.Multiple(() =>
        {
            Assert.That(dryRun.Deleted, Is.Empty);
            Assert.That(before, Has.Count.EqualTo(7), "the dry run deleted nothing");
            Assert.That(dryRun.Decision.Deletions.Select(item => item.Tag.Tag), Is.EquivalentTo(new[] { "feature-gone", "feature-stale" }));
            Assert.That(dryRun.Lines[0], Does.Contain("dry run"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  would delete\s+feature-gone\s+\d+\.\d KiB .*no branch has the slug 'feature-gone'"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  keep\s+feature-just-merged .*within 1h"));
            Assert.That(dryRun.Lines, Has.Some.Match(@"^  keep\s+feature-twin .*same manifest as 'feature-live'"));
            Assert.That(dryRun.Lines[^1], Does.Match(@"would delete 2 of 7 cache tags \(2 manifests\), \d+\.\d KiB \(\d+\.\d KiB in blobs no kept cache tag uses"));
            Assert.That(confirmed.Succeeded, Is.True, string.Join("\n", confirmed.Failures));
            Assert.That(confirmed.Deleted, Has.Count.EqualTo(2));
            Assert.That(after, Is.EqualTo(new[] { "feature-just-merged", "feature-live", "feature-twin", "main", "release-1-0" }));
        });
    }

    [Test]
    public async Task Tags_without_the_prefix_are_never_touched()
    {
        var repo = "prefixed/app";
        await Content.PushImageAsync(repo, "latest", Now.AddDays(-90));
        await Content.PushImageAsync(repo, "feature-gone", Now.AddDays(-90));
        await Content.PushCacheIndexAsync(repo, "cache-main", [Now.AddDays(-40)]);
        await Content.PushCacheIndexAsync(repo, "cache-feature-gone", [Now.AddDays(-40)]);
        using var client = Client();

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", Rules(prefix: "cache-"), Confirm: true));

        Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "cache-main", "feature-gone", "latest" }), string.Join("\n", result.Lines));
        Assert.That(result.Lines, Has.Some.Match(@"^  ignore\s+latest .*no prefix 'cache-'"));
    }

    [Test]
    public void An_empty_prefix_in_the_image_repository_is_refused()
    {
        using var client = Client();

        var failure = Assert.ThrowsAsync<InvalidOperationException>(() => new RegistryCachePruner(client).PruneAsync(
            new RegistryPruneRequest($"{Server.Host}/app", Rules(prefix: string.Empty)) { ImageRepository = $"{Server.Host}/app" }));

        Assert.That(failure!.Message, Does.Contain("--cache-tag-prefix"));
    }

    [Test]
    public async Task A_registry_with_delete_disabled_stops_at_the_first_delete_with_a_clear_message()
    {
        using var readOnly = RegistryServer.Start(deleteEnabled: false);
        using var pusher = new RegistryContent(readOnly);
        await pusher.PushCacheIndexAsync("nodelete/cache", "main", [Now.AddDays(-1)]);
        await pusher.PushCacheIndexAsync("nodelete/cache", "feature-a", [Now.AddDays(-2)]);
        await pusher.PushCacheIndexAsync("nodelete/cache", "feature-b", [Now.AddDays(-3)]);
        var credentials = new ExplicitRegistryCredentials().Add(readOnly.Host, new RegistryCredentials(readOnly.User, new Secret(readOnly.Password), "registry-user"));
        using var client = new RegistryClient(new RegistryClientOptions { Credentials = credentials });
        var rules = Rules(prefix: string.Empty) with { LiveSlugs = new HashSet<string> { "main" } };

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{readOnly.Host}/nodelete/cache", rules, Confirm: true));

        Assert.That(result.Succeeded, Is.False);
        Assert.That(result.Failures, Has.Count.EqualTo(1), "stops after the first 405");
        Assert.That(result.Failures[0], Does.Contain("does not allow deleting").And.Contain("storage.delete.enabled"));
        Assert.That(result.Lines[^1], Does.Contain("stopped"));
        Assert.That(readOnly.Tags("nodelete/cache"), Has.Count.EqualTo(3));
    }

    private static CachePruneRules Rules(string prefix) => new(
        prefix,
        "main",
        RemoteBranches.Slugs(RemoteBranches.ParseLsRemote("""
            0123456789abcdef0123456789abcdef01234567	refs/heads/main
            1123456789abcdef0123456789abcdef01234567	refs/heads/feature/live
            2123456789abcdef0123456789abcdef01234567	refs/heads/release/1.0
            """)),
        TimeSpan.FromDays(30),
        Now);

    private async Task Seed(string repo, string prefix)
    {
        await Content.PushCacheIndexAsync(repo, prefix + "main", [Now.AddDays(-60)]);                            // default branch: kept however old
        var live = await Content.PushCacheIndexAsync(repo, prefix + "feature-live", [Now.AddDays(-2)]);         // live branch, young
        await Content.PushCacheIndexAsync(repo, prefix + "feature-gone", [Now.AddDays(-3)]);                    // branch deleted
        await Content.PushCacheIndexAsync(repo, prefix + "feature-just-merged", [Now.AddMinutes(-10)]);         // branch deleted, written 10 minutes ago
        await Content.PushCacheManifestAsync(repo, prefix + "feature-stale", [Now.AddDays(-50)]);               // branch deleted and old
        await Content.PushCacheIndexAsync(repo, prefix + "release-1-0", [Now.AddDays(-20)]);                   // live branch release/1.0
        // A branch whose cache manifest is byte for byte feature-live's: deleting it by digest would delete feature-live.
        var manifest = await client().GetAsync(repo, prefix + "feature-live");
        await Content.PushManifestAsync(repo, prefix + "feature-twin", System.Text.Json.Nodes.JsonNode.Parse(manifest)!["mediaType"]!.GetValue<string>(), System.Text.Json.Nodes.JsonNode.Parse(manifest)!);
        Assert.That(live.Digest, Does.StartWith("sha256:"));

        RawReader client() => new(Server);
    }

    private sealed class RawReader(RegistryServer server)
    {
        public async Task<string> GetAsync(string repository, string tag)
        {
            using var http = new HttpClient();
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(server.BaseUri, $"v2/{repository}/manifests/{tag}"));
            request.Headers.Authorization = server.Authorization;
            foreach (var type in MediaTypes.ManifestAccept)
            {
                request.Headers.Accept.ParseAdd(type);
            }

            using var response = await http.SendAsync(request);
            return await response.Content.ReadAsStringAsync();
        }
    }
}
