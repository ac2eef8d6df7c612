using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>What git tells about two commits for --cache-promote, in a full and in a shallow clone, with the real git.</summary>
public sealed class GitAncestryTests
{
    private GitRepository repository = null!;
    private TemporaryDirectory clones = null!;
    private string first = null!;
    private string second = null!;
    private string third = null!;
    private string side = null!;

    [OneTimeSetUp]
    public void MakeHistory()
    {
        // first -> second -> third on main; side branches off first (a rewritten line).
        repository = GitRepository.Init("main");
        first = repository.Commit("first");
        second = repository.Commit("second");
        third = repository.Commit("third");
        repository.Git("checkout", "-q", "-b", "side", first);
        side = repository.Commit("side");
        repository.Git("checkout", "-q", "main");
        clones = new TemporaryDirectory();
    }

    [OneTimeTearDown]
    public void RemoveHistory()
    {
        repository?.Dispose();
        clones?.Dispose();
    }

    private static (Ancestry, Ancestry) Answer(AncestryFacts facts) => (facts.HeldBeforeOurs, facts.OursBeforeHeld);

    [Test]
    public void With_the_full_history_every_relation_is_proven()
    {
        var git = CakeProcesses.Git();

        Assert.That(Answer(GitAncestry.Of(git, repository.Path, second, third)), Is.EqualTo((Ancestry.Ancestor, Ancestry.NotAncestor)));
        Assert.That(Answer(GitAncestry.Of(git, repository.Path, first, third)), Is.EqualTo((Ancestry.Ancestor, Ancestry.NotAncestor)));
        Assert.That(Answer(GitAncestry.Of(git, repository.Path, third, second)), Is.EqualTo((Ancestry.NotAncestor, Ancestry.Ancestor)));
        Assert.That(Answer(GitAncestry.Of(git, repository.Path, side, third)), Is.EqualTo((Ancestry.NotAncestor, Ancestry.NotAncestor)), "another line");
    }

    [Test]
    public void A_commit_the_clone_does_not_have_is_unknown_and_git_says_why()
    {
        var facts = GitAncestry.Of(CakeProcesses.Git(), repository.Path, "dddddddd0000000000000000000000000000000d", third);

        Assert.That(Answer(facts), Is.EqualTo((Ancestry.Unknown, Ancestry.Unknown)));
        Assert.That(facts.Detail, Does.Contain("dddddddd is not in this clone"));
    }

    [Test]
    public void A_one_commit_clone_proves_the_parent_and_nothing_further_back()
    {
        var shallow = Path.Combine(clones.Path, "shallow");
        repository.Git("clone", "-q", "--depth", "1", "--branch", "main", "file://" + repository.Path, shallow);
        var git = CakeProcesses.Git();

        var parent = GitAncestry.Of(git, shallow, second, third);
        var grandparent = GitAncestry.Of(git, shallow, first, third);

        Assert.That(Answer(parent), Is.EqualTo((Ancestry.Ancestor, Ancestry.NotAncestor)), "the commit object names its parent");
        Assert.That(Answer(grandparent), Is.EqualTo((Ancestry.Unknown, Ancestry.Unknown)), grandparent.Detail);
        Assert.That(PromotionPolicy.Decide(third, true, first, grandparent).Verdict, Is.EqualTo(PromotionVerdict.RefuseUnknown));
    }
}
