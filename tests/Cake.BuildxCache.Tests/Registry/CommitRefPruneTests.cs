using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The registry prune and the commit refs of --cache-promote: promoted or superseded ones go, nothing unproven does.</summary>
public sealed class CommitRefPruneTests
{
    private const string B = "bbbbbbbb0000000000000000000000000000000b";
    private static readonly DateTimeOffset Now = new(2026, 11, 30, 7, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Live = new HashSet<string> { "main", "feature-x", "fix-deadbeef" };

    private static CachePruneRules Rules(IReadOnlySet<string>? live = null) => new(string.Empty, "main", live, null, Now);

    // A tag, its layers' time and, when written by us, its record: the commit, the write time and (for a commit ref) the
    // branch ref's tag it is promoted to.
    private static CacheTagInfo Tag(string tag, double hours, string? record = null, string? digest = null, bool cache = true, string? commitRefOf = null, bool recorded = true) =>
        new(tag, digest ?? "sha256:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tag))), 100, Now - TimeSpan.FromHours(hours), true, null, cache)
        {
            RecordCommit = record,
            Written = recorded && record is not null ? Now - TimeSpan.FromHours(hours) : null,
            CommitRefOf = commitRefOf,
        };

    // A commit ref as --cache-promote writes it: <branch tag>-<sha8>, its record naming the commit and the branch tag.
    private static CacheTagInfo CommitRef(string branchTag, string commit, double hours, string? digest = null, bool cache = true) =>
        Tag(branchTag + "-" + commit[..8], hours, record: commit, digest: digest, cache: cache, commitRefOf: branchTag);

    private static string Sha(char c) => new(c, 40);

    private static CachePruneItem Item(CachePruneDecision decision, string tag) => decision.Items.Single(item => item.Tag.Tag == tag);

    [Test]
    public void Promoted_commit_refs_go_at_once_and_superseded_ones_after_the_recent_window()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [
                Tag("feature-x", 0.1, record: B),
                CommitRef("feature-x", B, 0.1),
                CommitRef("feature-x", Sha('a'), 2),
                CommitRef("feature-x", Sha('c'), 0.2),
                Tag("main", 0.1, record: Sha('d')),
                CommitRef("main", Sha('d'), 0.1),
            ],
            Rules(Live));

        Assert.That(Item(decision, "feature-x-bbbbbbbb"), Has.Property("Action").EqualTo(CachePruneAction.Delete).And.Property("Reason").Contains("promoted"));
        Assert.That(Item(decision, "feature-x-aaaaaaaa"), Has.Property("Action").EqualTo(CachePruneAction.Delete).And.Property("Reason").Contains("superseded"));
        Assert.That(Item(decision, "feature-x-cccccccc"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("its promotion may still run"));
        Assert.That(Item(decision, "main-dddddddd").Action, Is.EqualTo(CachePruneAction.Delete), "the default branch's commit refs go too");
        Assert.That(Item(decision, "feature-x").Action, Is.EqualTo(CachePruneAction.Keep));
        Assert.That(Item(decision, "main").Action, Is.EqualTo(CachePruneAction.Keep));
    }

    /// <summary>
    /// <c>--cache-scope=20261130</c> or <c>--stage=deadbeef</c> on main gives the shape of a commit ref; its record (written
    /// by the build, no <c>commit-ref-of</c>) says it is not one, and nor is an old commit ref without a record.
    /// </summary>
    [TestCase("main-20261130", TestName = "A_cache_scope_of_8_digits_on_main_is_the_default_branchs_scoped_cache")]
    [TestCase("main-deadbeef", TestName = "A_stage_of_8_hex_letters_on_main_is_the_default_branchs_scoped_cache")]
    public void A_scoped_cache_of_8_hex_digits_is_not_a_commit_ref(string tag)
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag("main", 0.1, record: B), Tag(tag, 2, record: Sha('e'))], Rules(Live));

        Assert.That(Item(decision, tag), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").StartsWith("the default branch's cache (scope '" + tag[5..] + "')"));
    }

    [Test]
    public void Nothing_is_taken_for_a_commit_ref_without_proof()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [
                Tag("fix", 3, record: B),
                Tag("fix-deadbeef", 3, record: "deadbeef" + new string('0', 32)), // a live branch of that slug: a branch ref with a record of its own
                Tag("feature-y", 3),                                             // its branch ref has no record: not promote mode
                CommitRef("feature-y", Sha('a'), 3),
                Tag("feature-x", 0.1, record: B),
                Tag("feature-x-aaaaaaaa", 3),                                    // the shape of a commit ref, no record (written before records)
                Tag("feature-x-abababab", 3, record: Sha('c'), commitRefOf: "feature-x"), // a record whose commit is not the tag's suffix
                CommitRef("feature-x", Sha('f'), 3, cache: false),               // not a BuildKit cache
                CommitRef("feature-x", Sha('e'), 3, digest: "sha256:shared"),
                Tag("other", 3, digest: "sha256:shared"),                        // same manifest as a tag that stays
            ],
            Rules(new HashSet<string> { "main", "fix", "fix-deadbeef", "feature-x", "feature-y", "other" }));

        Assert.Multiple(() =>
        {
            Assert.That(Item(decision, "fix-deadbeef").Action, Is.EqualTo(CachePruneAction.Keep));
            Assert.That(Item(decision, "feature-y-aaaaaaaa").Action, Is.EqualTo(CachePruneAction.Keep), "left to the ordinary rules");
            Assert.That(Item(decision, "feature-x-aaaaaaaa"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").StartsWith("the branch exists (scope 'aaaaaaaa')"));
            Assert.That(Item(decision, "feature-x-abababab"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").StartsWith("the branch exists"));
            Assert.That(Item(decision, "feature-x-ffffffff"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("not a BuildKit cache"));
            Assert.That(Item(decision, "feature-x-eeeeeeee"), Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("same manifest as 'other'"));
        });
    }

    [Test]
    public void A_commit_ref_is_known_by_its_record_even_without_a_list_of_live_branches()
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag("feature-x", 0.1, record: B), CommitRef("feature-x", B, 3), Tag("feature-x-aaaaaaaa", 3)], Rules(live: null));

        Assert.That(Item(decision, "feature-x-bbbbbbbb").Action, Is.EqualTo(CachePruneAction.Delete));
        Assert.That(Item(decision, "feature-x-aaaaaaaa").Action, Is.EqualTo(CachePruneAction.Keep), "no record: not a commit ref");
    }

    [Test]
    public void An_unreadable_tag_stops_every_deletion_commit_refs_included()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [Tag("feature-x", 0.1, record: B), CommitRef("feature-x", B, 3), new CacheTagInfo("broken", null, null, null, ReadError: "500")],
            Rules(Live));

        Assert.That(decision.Deletions, Is.Empty);
    }
}
