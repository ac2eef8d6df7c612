using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.BuildxCache.Tests.Support;

namespace Cake.BuildxCache.Tests.Refs;

/// <summary>
/// --cache-promote after a force-push, with real git repositories: the branch ref records a commit the rewritten
/// branch dropped. A clone that proves it holds the branch's whole history places it on another line; a clone that
/// cannot (shallow, grafted, behind the remote, branch unknown) leaves the ref alone.
/// </summary>
public sealed class GitAncestryForcePushTests
{
    private GitRepository upstream = null!;
    private TemporaryDirectory clones = null!;
    private string abandoned = null!;
    private string rewritten = null!;

    [OneTimeSetUp]
    public void ForcePush()
    {
        // base -> abandoned was pushed and promoted; then main was force-pushed to base -> rewritten.
        upstream = GitRepository.Init("main");
        var start = upstream.Commit("base");
        abandoned = upstream.Commit("abandoned");
        upstream.Git("reset", "-q", "--hard", start);
        rewritten = upstream.Commit("rewritten");
        upstream.Git("reflog", "expire", "--expire=now", "--all");
        upstream.Git("gc", "-q", "--prune=now");
        clones = new TemporaryDirectory();
    }

    [OneTimeTearDown]
    public void Remove()
    {
        upstream?.Dispose();
        clones?.Dispose();
    }

    private string Clone(string name, params string[] options)
    {
        var path = Path.Combine(clones.Path, name);
        upstream.Git(["clone", "-q", .. options, "--branch", "main", "file://" + upstream.Path, path]);
        return path;
    }

    [Test]
    public void A_full_clone_after_a_force_push_places_the_dropped_commit_on_another_line_and_promotes()
    {
        var clone = Clone("full");

        var facts = GitAncestry.Of(CakeProcesses.Git(), clone, abandoned, rewritten, "main");
        var decision = PromotionPolicy.Decide(rewritten, true, abandoned, facts);

        Assert.That((facts.HeldBeforeOurs, facts.OursBeforeHeld), Is.EqualTo((Ancestry.NotAncestor, Ancestry.NotAncestor)), facts.Detail);
        Assert.That(decision.Verdict, Is.EqualTo(PromotionVerdict.PromoteRewritten), decision.Why);
        Assert.That(decision.Why, Does.Contain("is not in this clone, whose history is complete up to origin's main"));
    }

    [Test]
    public void A_shallow_clone_after_a_force_push_still_refuses()
    {
        var clone = Clone("shallow", "--depth", "1");

        var facts = GitAncestry.Of(CakeProcesses.Git(), clone, abandoned, rewritten, "main");

        Assert.That((facts.HeldBeforeOurs, facts.OursBeforeHeld), Is.EqualTo((Ancestry.Unknown, Ancestry.Unknown)));
        Assert.That(facts.Detail, Does.Contain("shallow"));
        Assert.That(PromotionPolicy.Decide(rewritten, true, abandoned, facts).Verdict, Is.EqualTo(PromotionVerdict.RefuseUnknown));
    }

    [Test]
    public void A_commit_pushed_after_the_clone_was_made_may_be_newer_and_is_not_promoted_over()
    {
        var clone = Clone("behind");
        var newer = upstream.Commit("newer, pushed while this pipeline ran");
        try
        {
            var facts = GitAncestry.Of(CakeProcesses.Git(), clone, newer, rewritten, "main");

            Assert.That((facts.HeldBeforeOurs, facts.OursBeforeHeld), Is.EqualTo((Ancestry.Unknown, Ancestry.Unknown)));
            Assert.That(facts.Detail, Does.Contain($"origin's main is at {newer[..8]}, which this clone lacks"));
            Assert.That(PromotionPolicy.Decide(rewritten, true, newer, facts).Verdict, Is.EqualTo(PromotionVerdict.RefuseUnknown));
        }
        finally
        {
            upstream.Git("reset", "-q", "--hard", rewritten);
        }
    }

    [Test]
    public void A_grafted_clone_an_unknown_branch_or_no_remote_prove_nothing()
    {
        var grafted = Clone("grafted");
        File.WriteAllText(Path.Combine(grafted, ".git", "info", "grafts"), rewritten + "\n");
        var detached = Clone("no-remote");
        upstream.Git("-C", detached, "remote", "remove", "origin");
        var git = CakeProcesses.Git();

        var graft = GitAncestry.Of(git, grafted, abandoned, rewritten, "main");
        var unknownBranch = GitAncestry.Of(git, Clone("unknown-branch"), abandoned, rewritten, null);
        var noRemote = GitAncestry.Of(git, detached, abandoned, rewritten, "main");

        Assert.That(graft.Detail, Does.Contain("grafts"));
        Assert.That(unknownBranch.Detail, Does.Contain("branch is not known"));
        Assert.That(noRemote.Detail, Does.Contain("git ls-remote origin refs/heads/main exited"));
        Assert.That(new[] { graft, unknownBranch, noRemote }.Select(facts => PromotionPolicy.Decide(rewritten, true, abandoned, facts).Verdict), Is.All.EqualTo(PromotionVerdict.RefuseUnknown));
    }

    [Test]
    public void A_build_of_a_commit_the_branch_no_longer_holds_promotes_nothing()
    {
        // The build's commit is on no line of origin's main (dropped by a force-push, or never pushed to it).
        var clone = Clone("stale");
        upstream.Git("-C", clone, "-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-q", "--allow-empty", "-m", "dropped");
        var ours = upstream.Git("-C", clone, "rev-parse", "HEAD");
        var other = "eeeeeeee0000000000000000000000000000000e";

        var facts = GitAncestry.Of(CakeProcesses.Git(), clone, other, ours, "main");

        Assert.That(facts.Detail, Does.Contain("the branch no longer holds this commit"));
        Assert.That(PromotionPolicy.Decide(ours, true, other, facts).Verdict, Is.EqualTo(PromotionVerdict.RefuseUnknown));
    }
}
