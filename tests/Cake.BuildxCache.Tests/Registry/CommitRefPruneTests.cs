using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The registry prune and the commit refs of --cache-promote: promoted or superseded ones go, nothing unproven does.</summary>
public sealed class CommitRefPruneTests
{
    private const string B = "bbbbbbbb0000000000000000000000000000000b";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Live = new HashSet<string> { "main", "feature-x", "fix-deadbeef" };

    private static CachePruneRules Rules(IReadOnlySet<string>? live = null) => new(string.Empty, "main", live, null, Now);

    private static CacheTagInfo Tag(string tag, double hours, string? record = null, string? digest = null, bool cache = true) =>
        new(tag, digest ?? "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tag))), 100, Now - TimeSpan.FromHours(hours), true, null, cache)
        {
            RecordCommit = record,
        };

    private static CachePruneItem Item(CachePruneDecision decision, string tag) => decision.Items.Single(item => item.Tag.Tag == tag);

    [Test]
    public void Promoted_commit_refs_go_at_once_and_superseded_ones_after_the_recent_window()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [
                Tag("feature-x", 0.1, record: B),
                Tag("feature-x-bbbbbbbb", 0.1),
                Tag("feature-x-aaaaaaaa", 2),
                Tag("feature-x-cccccccc", 0.2),
                Tag("main", 0.1, record: "dddddddd0000000000000000000000000000000d"),
                Tag("main-dddddddd", 0.1),
            ],
            Rules(Live));

        Assert.That(Item(decision, "feature-x-bbbbbbbb"), Has.Property("Action").EqualTo(CachePruneAction.Delete).And.Property("Reason").Contains("promoted"));
        Assert.That(Item(decision, "feature-x-aaaaaaaa"), Has.Property("Action").EqualTo(CachePruneAction.Delete).And.Property("Reason").Contains("superseded"));
        Assert.That(Item(decision, "feature-x-cccccccc"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("its promotion may still run"));
        Assert.That(Item(decision, "main-dddddddd").Action, Is.EqualTo(CachePruneAction.Delete), "the default branch's commit refs go too");
        Assert.That(Item(decision, "feature-x").Action, Is.EqualTo(CachePruneAction.Keep));
        Assert.That(Item(decision, "main").Action, Is.EqualTo(CachePruneAction.Keep));
    }

    [Test]
    public void Nothing_is_taken_for_a_commit_ref_without_proof()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [
                Tag("fix", 3, record: B),
                Tag("fix-deadbeef", 3),                             // a live branch of that slug: a branch ref
                Tag("feature-y", 3),                                // its branch ref has no record: not promote mode
                Tag("feature-y-aaaaaaaa", 0.2),
                Tag("feature-x", 0.1, record: B),
                Tag("feature-x-aaaaaaaa", 3, cache: false),         // not a BuildKit cache
                Tag("feature-x-eeeeeeee", 3, digest: "sha256:shared"),
                Tag("other", 3, digest: "sha256:shared"),           // same manifest as a tag that stays
            ],
            Rules(new HashSet<string> { "main", "fix", "fix-deadbeef", "feature-x", "feature-y", "other" }));

        Assert.That(Item(decision, "fix-deadbeef").Action, Is.EqualTo(CachePruneAction.Keep));
        Assert.That(Item(decision, "feature-y-aaaaaaaa").Action, Is.EqualTo(CachePruneAction.Keep), "left to the ordinary rules");
        Assert.That(Item(decision, "feature-x-aaaaaaaa"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("not a BuildKit cache"));
        Assert.That(Item(decision, "feature-x-eeeeeeee"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("same manifest as 'other'"));
    }

    [Test]
    public void Without_a_list_of_live_branches_no_tag_is_taken_for_a_commit_ref()
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag("feature-x", 0.1, record: B), Tag("feature-x-bbbbbbbb", 3)], Rules(live: null));

        Assert.That(Item(decision, "feature-x-bbbbbbbb").Action, Is.EqualTo(CachePruneAction.Keep));
    }

    [Test]
    public void An_unreadable_tag_stops_every_deletion_commit_refs_included()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [Tag("feature-x", 0.1, record: B), Tag("feature-x-bbbbbbbb", 3), new CacheTagInfo("broken", null, null, null, ReadError: "500")],
            Rules(Live));

        Assert.That(decision.Deletions, Is.Empty);
    }
}
