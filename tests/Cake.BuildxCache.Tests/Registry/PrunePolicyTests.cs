using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The pure registry cache pruning decision, its listing, and the <c>git ls-remote</c> parser.</summary>
[TestFixture]
public sealed class PrunePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly IReadOnlySet<string> Live = new HashSet<string> { "main", "feature-live", "release-1-0" };

    private static CachePruneRules Rules(TimeSpan? maxAge = null, IReadOnlySet<string>? live = null, string prefix = "") =>
        new(prefix, "main", live ?? Live, maxAge ?? TimeSpan.FromDays(30), Now);

    // A tag whose record says it was written age ago; without a record (recorded: false) only its layers' time is known.
    private static CacheTagInfo Tag(string tag, TimeSpan? age, string? digest = null, long? size = 1000, bool recorded = true) =>
        new(tag, digest ?? "sha256:" + tag.GetHashCode(StringComparison.Ordinal).ToString("x8").PadLeft(64, '0'), size, age is { } a ? Now - a : null, !recorded, IsBuildKitCache: true)
        {
            Written = recorded && age is { } w ? Now - w : null,
        };

    // tag, age in hours (null: unknown), expected action, reason fragment
    [TestCase("main", 2000.0, CachePruneAction.Keep, "default branch")]
    [TestCase("feature-live", 24.0, CachePruneAction.Keep, "the branch exists")]
    [TestCase("feature-live", 1000.0, CachePruneAction.Delete, "more than the max age 30d")]
    [TestCase("feature-gone", 48.0, CachePruneAction.Delete, "no branch has the slug 'feature-gone'")]
    [TestCase("feature-gone", 0.5, CachePruneAction.Keep, "written 30m ago (within 1h)")]
    [TestCase("feature-gone", null, CachePruneAction.Keep, "when it was written is unknown")]
    [TestCase("feature-live", null, CachePruneAction.Keep, "the branch exists")]
    [TestCase("feature-gone", 1000.0, CachePruneAction.Delete, "no branch has the slug 'feature-gone'; written 41d ago, more than the max age 30d")]
    [TestCase("release-1-0", 719.0, CachePruneAction.Keep, "the branch exists, written 29d ago")]
    public void Decision_table(string tag, double? ageHours, CachePruneAction action, string reason)
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag(tag, ageHours is { } h ? TimeSpan.FromHours(h) : null)], Rules());

        Assert.That(decision.Items.Single().Action, Is.EqualTo(action));
        Assert.That(decision.Items.Single().Reason, Does.Contain(reason));
    }

    /// <summary>
    /// A fully cached build exports its layers' old <c>buildkit/createdat</c> again: only the record's write time is age.
    /// </summary>
    [Test]
    public void Age_is_the_records_write_time_and_a_ref_without_one_is_never_deleted_by_age()
    {
        var rewritten = Tag("feature-live", TimeSpan.FromDays(40), recorded: false) with { Written = Now.AddMinutes(-2) };
        var unrecorded = Tag("release-1-0", TimeSpan.FromDays(40), recorded: false);
        var scoped = Tag("main-linux-386", TimeSpan.FromDays(40), recorded: false);
        var goneUnrecorded = Tag("feature-gone", TimeSpan.FromDays(40), recorded: false);

        var decision = RegistryCachePrunePolicy.Decide([rewritten, unrecorded, scoped, goneUnrecorded], Rules());

        Assert.Multiple(() =>
        {
            Assert.That(decision.Items[0], Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").EqualTo("the branch exists, written 2m ago (max age 30d)"));
            Assert.That(decision.Items[1], Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").EqualTo("the branch exists; its write time is not recorded (no cache record), so --cache-max-age does not delete it"));
            Assert.That(decision.Items[2], Has.Property("Action").EqualTo(CachePruneAction.Keep).And.Property("Reason").Contains("the default branch's cache (scope 'linux-386'); its write time is not recorded"));
            Assert.That(decision.Items[3], Has.Property("Action").EqualTo(CachePruneAction.Delete).And.Property("Reason").EqualTo("no branch has the slug 'feature-gone'"), "a gone branch needs no age");
            Assert.That(decision.Listing("r", dryRun: true), Has.One.Contains("feature-live").And.Contains(" 2026-11-22 11:58Z "), "the listing shows the record's time");
        });
    }

    [Test]
    public void Tags_without_the_prefix_are_ignored_and_the_prefix_is_taken_off_for_the_slug()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [Tag("latest", TimeSpan.FromDays(90)), Tag("feature-gone", TimeSpan.FromDays(90)), Tag("cache-feature-gone", TimeSpan.FromDays(2)), Tag("cache-main", TimeSpan.FromDays(90)), Tag("cache-", TimeSpan.FromDays(90))],
            Rules(prefix: "cache-"));

        Assert.That(decision.Items.Select(item => (item.Tag.Tag, item.Action, item.Slug)), Is.EqualTo(new[]
        {
            ("latest", CachePruneAction.Ignore, (string?)null),
            ("feature-gone", CachePruneAction.Ignore, null),
            ("cache-feature-gone", CachePruneAction.Delete, "feature-gone"),
            ("cache-main", CachePruneAction.Keep, "main"),
            ("cache-", CachePruneAction.Ignore, null),
        }));
    }

    [Test]
    public void A_manifest_shared_with_a_kept_tag_is_kept_and_shared_deletions_count_once()
    {
        var shared = "sha256:" + new string('a', 64);
        var gone = "sha256:" + new string('b', 64);
        var decision = RegistryCachePrunePolicy.Decide(
            [Tag("main", TimeSpan.FromDays(3), shared), Tag("feature-copy", TimeSpan.FromDays(3), shared), Tag("feature-x", TimeSpan.FromDays(3), gone, 500), Tag("feature-y", TimeSpan.FromDays(3), gone, 500)],
            Rules());

        Assert.Multiple(() =>
        {
            Assert.That(decision.Items[1].Action, Is.EqualTo(CachePruneAction.Keep));
            Assert.That(decision.Items[1].Reason, Does.Contain("same manifest as 'main'"));
            Assert.That(decision.DigestsToDelete, Is.EqualTo(new[] { gone }));
            Assert.That(decision.Deletions, Has.Count.EqualTo(2));
            Assert.That(decision.TotalSize, Is.EqualTo(500));
        });
    }

    [Test]
    public void A_branch_list_without_the_default_branch_is_unreliable_so_only_age_counts()
    {
        var decision = RegistryCachePrunePolicy.Decide([Tag("feature-gone", TimeSpan.FromDays(2)), Tag("feature-old", TimeSpan.FromDays(40))], Rules(live: new HashSet<string>()));

        Assert.That(decision.Items.Select(item => item.Action), Is.EqualTo(new[] { CachePruneAction.Keep, CachePruneAction.Delete }));
        Assert.That(decision.Notes, Has.Some.Contains("unreliable"));
    }

    [Test]
    public void Without_a_branch_list_or_a_max_age_nothing_goes()
    {
        var rules = new CachePruneRules(string.Empty, "main", null, null, Now);
        var decision = RegistryCachePrunePolicy.Decide([Tag("feature-gone", TimeSpan.FromDays(400))], rules);

        Assert.That(decision.Deletions, Is.Empty);
        Assert.That(decision.Notes, Has.Count.EqualTo(2));
    }

    [Test]
    public void A_manifest_that_could_not_be_read_is_kept()
    {
        var decision = RegistryCachePrunePolicy.Decide([new CacheTagInfo("feature-gone", null, null, Now.AddDays(-3))], Rules());

        Assert.That(decision.Items.Single().Action, Is.EqualTo(CachePruneAction.Keep));
        Assert.That(decision.Items.Single().Reason, Does.Contain("could not be read"));
    }

    [Test]
    public void Reclaimable_counts_blobs_only_deleted_manifests_use()
    {
        var blobs = (params (string, long)[] items) => items.ToDictionary(item => item.Item1, item => item.Item2);
        var decision = RegistryCachePrunePolicy.Decide(
        [
            Tag("main", TimeSpan.FromDays(3)) with { Blobs = blobs(("base", 100), ("m", 10)) },
            Tag("feature-gone", TimeSpan.FromDays(3)) with { Blobs = blobs(("base", 100), ("g", 20)) },
            Tag("feature-gone-2", TimeSpan.FromDays(3)) with { Blobs = blobs(("g", 20), ("h", 5)) },
        ], Rules());

        Assert.That(decision.Reclaimable, Is.EqualTo(25));
        Assert.That(RegistryCachePrunePolicy.Decide([Tag("feature-gone", TimeSpan.FromDays(3))], Rules()).Reclaimable, Is.Null, "blob lists unknown");
    }

    [Test]
    public void The_dry_run_listing_shows_action_tag_size_time_and_reason_then_the_total()
    {
        var decision = RegistryCachePrunePolicy.Decide(
            [Tag("main", TimeSpan.FromDays(60), size: 52_428_800), Tag("feature-gone", TimeSpan.FromDays(3), size: 1_572_864, recorded: false), Tag("feature-live", TimeSpan.FromHours(5), size: 2048)],
            Rules());

        var lines = decision.Listing("registry.example.com/app/cache", dryRun: true);

        Assert.That(lines, Is.EqualTo(new[]
        {
            "registry cache prune: registry.example.com/app/cache (dry run, nothing is deleted; --confirm deletes)",
            "  would delete  feature-gone     1.5 MiB  >=2026-11-19 12:00Z  no branch has the slug 'feature-gone'",
            "  keep          feature-live     2.0 KiB  2026-11-22 07:00Z   the branch exists, written 5h ago (max age 30d)",
            "  keep          main            50.0 MiB  2026-09-23 12:00Z   the default branch's cache",
            "  would delete 1 of 3 cache tags (1 manifest), 1.5 MiB",
        }));
        Assert.That(decision.Listing("r", dryRun: false)[^1], Does.StartWith("  deleting 1 of 3"));
    }

    [TestCase(0L, "0 B")]
    [TestCase(1023L, "1023 B")]
    [TestCase(1536L, "1.5 KiB")]
    [TestCase(5_368_709_120L, "5.0 GiB")]
    [TestCase(null, "-")]
    public void Sizes(long? bytes, string text) => Assert.That(CachePruneDecision.FormatSize(bytes), Is.EqualTo(text));

    [Test]
    public void Ls_remote_output_gives_branch_names_and_their_slugs()
    {
        const string output = """
            0123456789abcdef0123456789abcdef01234567	HEAD
            0123456789abcdef0123456789abcdef01234567	refs/heads/main
            1123456789abcdef0123456789abcdef01234567	refs/heads/feature/Add-Cache
            2123456789abcdef0123456789abcdef01234567	refs/tags/v1.0
            3123456789abcdef0123456789abcdef01234567	refs/tags/v1.0^{}
            4123456789abcdef0123456789abcdef01234567	refs/merge-requests/12/head
            warning: redirecting to https://gitlab.example.com/group/app.git/

            """;

        Assert.Multiple(() =>
        {
            Assert.That(RemoteBranches.ParseLsRemote(output), Is.EqualTo(new[] { "main", "feature/Add-Cache" }));
            Assert.That(RemoteBranches.ParseLsRemote(output.Replace("\n", "\r\n", StringComparison.Ordinal), includeTags: true), Is.EqualTo(new[] { "main", "feature/Add-Cache", "v1.0" }));
            Assert.That(RemoteBranches.Slugs(RemoteBranches.ParseLsRemote(output)), Is.EquivalentTo(new[] { "main", "feature-add-cache" }));
        });
    }

    [TestCase(30.0, "30m")]
    [TestCase(60.0, "1h")]
    [TestCase(150.0, "2h30m")]
    [TestCase(1500.0, "1d1h")]
    [TestCase(21600.0, "15d")]
    public void Ages(double minutes, string text) => Assert.That(RegistryCachePrunePolicy.FormatAge(TimeSpan.FromMinutes(minutes)), Is.EqualTo(text));
}
