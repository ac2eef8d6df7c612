using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// <c>--cache-max-age</c> against a real registry: a cache's layers carry when they were first built
/// (<c>buildkit/createdat</c>), and a fully cached build exports them again unchanged, so only the record's write time
/// is age.
/// </summary>
[TestFixture]
[Category("Registry")]
public sealed class RecordedAgePruneTests : RealRegistryTests
{
    [Test]
    public async Task A_cache_with_old_layers_written_now_survives_the_max_age_and_so_does_one_without_a_record()
    {
        var now = DateTimeOffset.UtcNow;
        var repo = "recorded-age/cache";
        await Content.PushCapturedAsync(repo, "main", "cache-manifest", now.AddDays(-60));
        await Content.PushCapturedAsync(repo, "feature-live", "cache-manifest", now.AddDays(-3));   // rewritten by a fully cached build a moment ago
        await Content.RecordAsync(repo, "feature-live", CacheRecord.Of(new string('a', 40)).WithWritten(now));
        await Content.PushCapturedAsync(repo, "release-1-0", "cache-manifest", now.AddDays(-40));   // no record: written by an older version, or by hand
        await Content.PushCapturedAsync(repo, "feature-old", "cache-manifest", now.AddDays(-40));
        var old = await Content.RecordAsync(repo, "feature-old", CacheRecord.Of(new string('b', 40)).WithWritten(now.AddDays(-40)));
        using var client = Client();
        var rules = new CachePruneRules(string.Empty, "main", new HashSet<string> { "main", "feature-live", "release-1-0", "feature-old" }, TimeSpan.FromDays(2), now);

        var result = await new RegistryCachePruner(client).PruneAsync(new RegistryPruneRequest($"{Server.Host}/{repo}", rules, Confirm: true));

        TestContext.Out.WriteLine(string.Join("\n", result.Lines));
        Assert.Multiple(() =>
        {
            Assert.That(Server.Tags(repo), Is.EqualTo(new[] { "feature-live", "main", "release-1-0" }));
            Assert.That(result.Deleted, Is.EqualTo(new[] { old }), "a recorded write time older than the max age still deletes");
            Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+feature-live .* \d{4}-\d\d-\d\d \d\d:\d\dZ\s+the branch exists, written 0m ago \(max age 2d\)$"));
            Assert.That(result.Lines, Has.Some.Match(@"^  keep\s+release-1-0 .*>=.* the branch exists; its write time is not recorded \(no cache record\), so --cache-max-age does not delete it$"));
            Assert.That(result.Lines, Has.Some.Match(@"^  delete\s+feature-old .*written 40d ago, more than the max age 2d$"));
        });
    }
}
