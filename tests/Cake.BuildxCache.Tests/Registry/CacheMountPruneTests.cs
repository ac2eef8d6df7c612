using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The registry prune and cache mount images: the same rules as the layer cache they sit beside, and nothing unproven.</summary>
public sealed class CacheMountPruneTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Live = new HashSet<string> { "main", "feature-x" };

    private static CachePruneRules Rules(string prefix = "") => new(prefix, "main", Live, TimeSpan.FromDays(7), Now);

    // A mount image as the export writes it: an image (no BuildKit cache), with a record naming the mount when recorded.
    private static CacheTagInfo Mount(string tag, double hours, bool recorded = true) =>
        new(tag, "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tag))), 100, Now - TimeSpan.FromHours(hours), false, null, IsBuildKitCache: false)
        {
            RecordCommit = recorded ? new string('a', 40) : null,
            Written = recorded ? Now - TimeSpan.FromHours(hours) : null,
            IsCacheMount = recorded,
        };

    private static CachePruneItem Item(CachePruneDecision decision, string tag) => decision.Items.Single(item => item.Tag.Tag == tag);

    [Test]
    public void A_gone_branchs_mount_image_goes_and_a_live_or_the_default_branchs_stays()
    {
        var decision = RegistryCachePrunePolicy.Decide([Mount("gone.mount-deps", 5), Mount("feature-x.mount-deps", 5), Mount("main.mount-deps", 500), Mount("feature-x-linux-386.mount-deps", 5)], Rules());

        Assert.That(Item(decision, "gone.mount-deps").Action, Is.EqualTo(CachePruneAction.Delete), Item(decision, "gone.mount-deps").Reason);
        Assert.That(Item(decision, "feature-x.mount-deps"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Slug").EqualTo("feature-x"));
        Assert.That(Item(decision, "main.mount-deps"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("default branch"));
        Assert.That(Item(decision, "feature-x-linux-386.mount-deps").Slug, Is.EqualTo("feature-x"), "the scope before the marker is read as the layer cache's");
    }

    [Test]
    public void An_old_mount_image_of_a_live_branch_goes_by_its_records_write_time()
    {
        var decision = RegistryCachePrunePolicy.Decide([Mount("feature-x.mount-deps", 24 * 8)], Rules());

        Assert.That(Item(decision, "feature-x.mount-deps").Action, Is.EqualTo(CachePruneAction.Delete));
    }

    [Test]
    public void An_image_with_a_mount_tag_but_no_record_is_never_deleted()
    {
        var decision = RegistryCachePrunePolicy.Decide([Mount("gone.mount-deps", 5, recorded: false)], Rules());

        Assert.That(Item(decision, "gone.mount-deps"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("not a BuildKit cache manifest"));
    }

    [Test]
    public void A_mount_image_behind_the_cache_prefix_belongs_to_the_branch_after_the_prefix()
    {
        var decision = RegistryCachePrunePolicy.Decide([Mount("cache-gone.mount-deps", 5), Mount("cache-main.mount-deps", 5), Mount("v1.2", 5)], Rules("cache-"));

        Assert.That(Item(decision, "cache-gone.mount-deps").Action, Is.EqualTo(CachePruneAction.Delete));
        Assert.That(Item(decision, "cache-main.mount-deps").Action, Is.EqualTo(CachePruneAction.Keep));
        Assert.That(Item(decision, "v1.2").Action, Is.EqualTo(CachePruneAction.Ignore));
    }
}
