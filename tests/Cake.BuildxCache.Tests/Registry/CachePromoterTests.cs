using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Registry;
using Cake.BuildxCache.Tests.Support.Registry;

namespace Cake.BuildxCache.Tests.Registry;

/// <summary>The promotion's registry side against a real registry on 127.0.0.1: the copy, the record, and a crossing promoter.</summary>
[TestFixture]
[Category("Registry")]
public sealed class CachePromoterTests : RealRegistryTests
{
    private const string Ours = "bbbbbbbb0000000000000000000000000000000b";
    private const string Newer = "cccccccc0000000000000000000000000000000c";
    private static readonly DateTimeOffset Written = new(2026, 11, 30, 6, 0, 0, TimeSpan.Zero);

    private CachePromotion Promotion(string repository) =>
        new($"{Server.Host}/{repository}:main-{Ours[..8]}", $"{Server.Host}/{repository}:main", Ours);

    private static AncestryFacts NoGit(string held) => throw new AssertionException("git was asked about " + held);

    [Test]
    public async Task A_first_promotion_copies_the_commit_ref_with_the_record_under_a_digest_of_its_own()
    {
        var source = await Content.PushCacheManifestAsync("first/cache", "main-" + Ours[..8], [Written]);
        using var client = Client();

        var result = await new CachePromoter(client, new CommitHistory((held, _) => NoGit(held), _ => null), TimeSpan.Zero, TimeProvider.System).PromoteAsync(Promotion("first/cache"));

        var branch = await client.GetManifestAsync(RepositoryReference.Parse($"{Server.Host}/first/cache:main"));
        var info = await client.GetManifestInfoAsync(RepositoryReference.Parse($"{Server.Host}/first/cache:main"));
        Assert.That((result.Promoted, result.Decision?.Verdict), Is.EqualTo((true, (PromotionVerdict?)PromotionVerdict.PromoteFirst)), string.Join('\n', result.Log));
        Assert.That(RecordedManifest.Read(branch!.Body)?.Commit, Is.EqualTo(Ours));
        Assert.That(info?.Record?.Fields["source"], Is.EqualTo("main-" + Ours[..8]));
        Assert.That(info?.IsBuildKitCache, Is.True, "still a BuildKit cache manifest");
        Assert.That(branch.Digest, Is.Not.EqualTo(source.Digest).And.EqualTo(result.Digest));
    }

    [Test]
    public async Task A_missing_commit_ref_promotes_nothing()
    {
        using var client = Client();

        var result = await new CachePromoter(client, new CommitHistory((held, _) => NoGit(held), _ => null), TimeSpan.Zero, TimeProvider.System).PromoteAsync(Promotion("missing/cache"));

        Assert.That((result.Promoted, result.Decision), Is.EqualTo((false, (PromotionDecision?)null)));
        Assert.That(result.Log.Single(), Does.Contain("does not exist"));
        Assert.That(await client.ExistsAsync(RepositoryReference.Parse($"{Server.Host}/missing/cache:main")), Is.False);
    }

    [Test]
    public async Task A_branch_ref_that_a_newer_build_moves_while_this_one_decides_is_decided_again_and_left_to_the_newer()
    {
        const string Older = "aaaaaaaa0000000000000000000000000000000a";
        var source = await Content.PushCacheManifestAsync("crossing/cache", "main-" + Ours[..8], [Written]);
        var olderCache = await Content.PushCacheManifestAsync("crossing/cache", "main", [Written.AddMinutes(-5)]);
        using var client = Client();
        var branchRef = RepositoryReference.Parse($"{Server.Host}/crossing/cache:main");

        // The branch ref holds an older commit's cache, recorded; while git is asked, a newer build promotes.
        var older = await client.GetManifestAsync(branchRef);
        await client.PutManifestAsync(branchRef, RecordedManifest.With(older!.Body, CacheRecord.Of(Older)), older.MediaType);
        var asked = new List<string>();
        AncestryFacts Git(string held)
        {
            asked.Add(held);
            if (held == Older)
            {
                var newer = RecordedManifest.With(older.Body, CacheRecord.Of(Newer));
                client.PutManifestAsync(branchRef, newer, older.MediaType).GetAwaiter().GetResult();
                return new(Ancestry.Ancestor, Ancestry.NotAncestor, null);
            }

            return new(Ancestry.NotAncestor, Ancestry.Ancestor, null);
        }

        var result = await new CachePromoter(client, new CommitHistory((held, _) => Git(held), _ => null), TimeSpan.Zero, TimeProvider.System).PromoteAsync(Promotion("crossing/cache"));

        Assert.That(asked, Is.EqualTo(new[] { Older, Newer }));
        Assert.That(result.Log, Has.Some.Contains("changed while deciding"));
        Assert.That((result.Promoted, result.Decision?.Verdict), Is.EqualTo((false, (PromotionVerdict?)PromotionVerdict.RefuseNewer)));
        Assert.That(RecordedManifest.Read((await client.GetManifestAsync(branchRef))!.Body)?.Commit, Is.EqualTo(Newer), "the newer build's cache stays");
        Assert.That(source.Digest, Is.Not.EqualTo(olderCache.Digest));
    }
}
