using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>
/// The registry prune with scoped cache tags (<c>&lt;slug&gt;-&lt;scope&gt;</c>, <c>--cache-scope</c>): a live branch's
/// scoped caches stay, a gone branch's go, the default branch's stay unless older than <c>--cache-max-age</c>.
/// </summary>
[TestFixture]
public sealed class ScopedCachePruneTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Live = new HashSet<string> { "main", "feature-live", "feature-live-2" };

    private static CachePruneRules Rules(IReadOnlySet<string>? live, TimeSpan? maxAge = null) => new(string.Empty, "main", live, maxAge, Now);

    // A tag whose record says it was written ageHours ago.
    private static CacheTagInfo Tag(string tag, double ageHours) =>
        new(tag, "sha256:" + tag.GetHashCode(StringComparison.Ordinal).ToString("x8").PadLeft(64, '0'), 1000, Now - TimeSpan.FromHours(ageHours), IsBuildKitCache: true)
        {
            Written = Now - TimeSpan.FromHours(ageHours),
        };

    // tag, age in hours, expected action, the branch it is attributed to, reason fragment; max age 30 days
    [TestCase("main-linux-386", 2000.0, CachePruneAction.Delete, "main", "the default branch's cache (scope 'linux-386'); written 83d ago, more than the max age 30d")]
    [TestCase("main-linux-386", 24.0, CachePruneAction.Keep, "main", "the default branch's cache (scope 'linux-386')")]
    [TestCase("main-runtime-linux-amd64", 24.0, CachePruneAction.Keep, "main", "scope 'runtime-linux-amd64'")]
    [TestCase("feature-live-linux-386", 48.0, CachePruneAction.Keep, "feature-live", "the branch exists (scope 'linux-386')")]
    [TestCase("feature-live-2-linux-386", 48.0, CachePruneAction.Keep, "feature-live-2", "the branch exists (scope 'linux-386')")]
    [TestCase("feature-live-2", 48.0, CachePruneAction.Keep, "feature-live-2", "the branch exists")]
    [TestCase("feature-gone-linux-386", 48.0, CachePruneAction.Delete, "feature-gone-linux-386", "no branch has the slug 'feature-gone-linux-386'")]
    [TestCase("feature-gone-test", 48.0, CachePruneAction.Delete, "feature-gone-test", "no branch has the slug")]
    [TestCase("feature-live-linux-386", 1000.0, CachePruneAction.Delete, "feature-live", "more than the max age 30d")]
    public void A_scoped_tag_belongs_to_the_longest_live_slug_it_extends(string tag, double ageHours, CachePruneAction action, string slug, string reason)
    {
        var item = RegistryCachePrunePolicy.Decide([Tag(tag, ageHours)], Rules(Live, TimeSpan.FromDays(30))).Items.Single();

        Assert.Multiple(() =>
        {
            Assert.That(item.Action, Is.EqualTo(action), item.Reason);
            Assert.That(item.Slug, Is.EqualTo(slug));
            Assert.That(item.Reason, Does.Contain(reason));
        });
    }

    [Test]
    public void Without_a_max_age_the_default_branchs_scoped_caches_all_stay()
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag("main-linux-386", 5000), Tag("main-linux-amd64", 5000), Tag("gone-linux-386", 5000)], Rules(Live));

        Assert.That(decision.Items.Select(item => item.Action), Is.EqualTo(new[] { CachePruneAction.Keep, CachePruneAction.Keep, CachePruneAction.Delete }));
    }

    [Test]
    public void With_no_list_of_live_branches_the_default_branchs_scoped_caches_are_still_recognised()
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag("main-linux-386", 24), Tag("other-linux-386", 24)], Rules(null, TimeSpan.FromHours(12)));

        Assert.That(decision.Items.Select(item => (item.Slug, item.Action)), Is.EqualTo(new[]
        {
            ("main", CachePruneAction.Delete),
            ("other-linux-386", CachePruneAction.Delete),
        }));
        Assert.That(decision.Items[0].Reason, Does.Contain("the default branch's cache (scope 'linux-386')"));
    }

    [TestCase("main", "main", null)]
    [TestCase("main-linux-386", "main", "linux-386")]
    [TestCase("feature-live-2-linux-386", "feature-live-2", "linux-386")]
    [TestCase("feature-live-", "feature-live-", null)]
    [TestCase("feature-gone-linux-386", "feature-gone-linux-386", null)]
    public void The_owner_of_a_tag(string tag, string slug, string? scope)
    {
        Assert.That(CacheTagOwner.Of(tag, "main", Live), Is.EqualTo(new CacheTagOwner(slug, scope)));
    }
}
