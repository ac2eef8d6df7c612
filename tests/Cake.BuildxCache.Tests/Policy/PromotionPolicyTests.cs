using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>--cache-promote: the pure decisions (promote, refuse, unknown) and the plan.</summary>
public sealed class PromotionPolicyTests
{
    private const string Held = "aaaaaaaa0000000000000000000000000000000a";

    private static AncestryFacts Facts(Ancestry heldBeforeOurs, Ancestry oursBeforeHeld) => new(heldBeforeOurs, oursBeforeHeld, heldBeforeOurs == Ancestry.Unknown || oursBeforeHeld == Ancestry.Unknown ? "the clone is shallow" : null);

    [TestCase("Ancestor", "NotAncestor", "PromoteAncestor", "an ancestor of 3f9c1e2a: promoting")]
    [TestCase("NotAncestor", "Ancestor", "RefuseNewer", "a descendant of 3f9c1e2a (a newer pipeline promoted first): not promoted")]
    [TestCase("Unknown", "Ancestor", "RefuseNewer", "never moves backwards")]
    [TestCase("NotAncestor", "NotAncestor", "PromoteRewritten", "the branch was rewritten")]
    [TestCase("Unknown", "Unknown", "RefuseUnknown", "git cannot tell whether it is an ancestor of 3f9c1e2a (the clone is shallow): not promoted")]
    [TestCase("Unknown", "NotAncestor", "RefuseUnknown", "fetch-depth: 0")]
    [TestCase("NotAncestor", "Unknown", "RefuseUnknown", "not promoted")]
    public void A_recorded_branch_ref_is_promoted_to_only_from_an_ancestor_or_a_rewritten_line(string heldFirst, string oursFirst, string expected, string why)
    {
        var (heldBeforeOurs, oursBeforeHeld) = (Enum.Parse<Ancestry>(heldFirst), Enum.Parse<Ancestry>(oursFirst));
        var verdict = Enum.Parse<PromotionVerdict>(expected);
        Assert.That(PromotionPolicy.NeedsAncestry(Sha, branchRefExists: true, Held), Is.True);

        var decision = PromotionPolicy.Decide(Sha, branchRefExists: true, Held, Facts(heldBeforeOurs, oursBeforeHeld));

        Assert.That(decision.Verdict, Is.EqualTo(verdict));
        Assert.That(decision.Promotes, Is.EqualTo(verdict.ToString().StartsWith("Promote", StringComparison.Ordinal)));
        Assert.That(decision.Why, Does.Contain(why));
    }

    [Test]
    public void A_missing_branch_ref_an_unrecorded_one_and_our_own_commit_need_no_git()
    {
        Assert.That(PromotionPolicy.NeedsAncestry(Sha, branchRefExists: false, null), Is.False);
        Assert.That(PromotionPolicy.NeedsAncestry(Sha, branchRefExists: true, null), Is.False);
        Assert.That(PromotionPolicy.NeedsAncestry(Sha, branchRefExists: true, Sha), Is.False);
        Assert.That(PromotionPolicy.Decide(Sha, false, null, null).Verdict, Is.EqualTo(PromotionVerdict.PromoteFirst));
        Assert.That(PromotionPolicy.Decide(Sha, true, null, null).Verdict, Is.EqualTo(PromotionVerdict.PromoteUnrecorded));
        Assert.That(PromotionPolicy.Decide(Sha, true, Sha, null).Verdict, Is.EqualTo(PromotionVerdict.PromoteSameCommit));
        Assert.That(PromotionPolicy.Decide(Sha, true, Held, null).Promotes, Is.False, "a recorded commit without git's answer is never promoted over");
    }

    [TestCase(0, false, "Ancestor")]
    [TestCase(0, true, "Ancestor")]
    [TestCase(1, false, "NotAncestor")]
    [TestCase(1, true, "Unknown")]
    [TestCase(128, false, "Unknown")]
    [TestCase(-1, false, "Unknown")]
    public void Gits_exit_code_is_proof_of_no_only_with_the_full_history(int exitCode, bool shallow, string expected)
    {
        Assert.That(AncestryFacts.FromExitCode(exitCode, shallow), Is.EqualTo(Enum.Parse<Ancestry>(expected)));
    }

    [Test]
    public void The_parents_come_from_the_commit_objects_header_only()
    {
        string[] commit =
        [
            "tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904",
            "parent " + Held,
            "parent bbbbbbbb0000000000000000000000000000000b",
            "author A <a@example.com> 1764480000 +0000",
            string.Empty,
            "parent cccccccc0000000000000000000000000000000c is only text in the message",
        ];

        Assert.That(AncestryFacts.ParentsIn(commit), Is.EqualTo(new[] { Held, "bbbbbbbb0000000000000000000000000000000b" }));
    }

    [Test]
    public void The_plan_writes_a_commit_ref_next_to_the_branch_ref_and_promotes_to_the_branch_ref()
    {
        var options = CiOptions with { CachePromote = true };

        var plan = BuildPlanner.Plan(GitLabBranch("feature/x"), options, Created);

        Assert.That(plan.CacheTo?.ToString(), Is.EqualTo($"type=registry,ref={Cache}:feature-x-{Short},mode=max,ignore-error=true,compression=zstd"));
        Assert.That(plan.CacheFrom.Select(spec => spec.Ref), Is.EqualTo(new[] { $"{Cache}:feature-x", $"{Cache}:main" }), "builds read the branch ref, never a commit ref");
        Assert.That(plan.Promotion, Is.EqualTo(new CachePromotion($"{Cache}:feature-x-{Short}", $"{Cache}:feature-x", Sha, "feature/x")));
        Assert.That(plan.Notes, Has.Some.EqualTo($"cache-promote: write {Cache}:feature-x-{Short}, promote to {Cache}:feature-x if the commit it holds is an ancestor of {Short} (or it holds none); never backwards"));
    }

    [Test]
    public void With_a_cache_scope_the_commit_ref_sits_next_to_the_scoped_branch_ref()
    {
        var options = CiOptions with { Platforms = ["linux/386"], CachePromote = true };

        var plan = BuildPlanner.Plan(GitLabBranch("feature/x"), options, Created);

        Assert.That(plan.Promotion?.BranchRef, Is.EqualTo(plan.CacheFrom[0].Ref).And.Not.EqualTo($"{Cache}:feature-x"), "the scoped branch ref");
        Assert.That(plan.CacheTo?.Ref, Is.EqualTo($"{plan.Promotion?.BranchRef}-{Short}"));
    }

    [Test]
    public void Without_the_option_the_branch_ref_is_written_directly()
    {
        var plan = BuildPlanner.Plan(GitLabBranch("feature/x"), CiOptions, Created);

        Assert.That((plan.CacheTo?.Ref, plan.Promotion), Is.EqualTo(($"{Cache}:feature-x", (CachePromotion?)null)));
    }

    [Test]
    public void Tags_and_read_only_builds_promote_nothing()
    {
        var options = CiOptions with { CachePromote = true };

        var tag = BuildPlanner.Plan(GitLabTag("v1.0.0"), options, Created);
        var fork = BuildPlanner.Plan(GitLabMergeRequest("feature/x", "main", fork: true), options, Created);

        Assert.That((tag.CacheTo?.Ref, tag.Promotion), Is.EqualTo(($"{Cache}:v1-0-0", (CachePromotion?)null)));
        Assert.That(tag.Notes, Has.Some.Contains("a tag build writes its own ref directly"));
        Assert.That((fork.CacheTo, fork.Promotion), Is.EqualTo(((Cake.BuildxCache.Docker.CacheSpec?)null, (CachePromotion?)null)));
    }

    [Test]
    public void A_short_sha_is_a_problem_of_the_option_not_a_direct_write()
    {
        var options = CiOptions with { CachePromote = true };

        var plan = BuildPlanner.Plan(GitLabBranch("feature/x") with { Sha = "3f9c1e2" }, options, Created);
        var full = BuildPlanner.Plan(GitLabBranch("feature/x"), options, Created);
        var tag = BuildPlanner.Plan(GitLabTag("v1.0.0"), options, Created);

        Assert.That(plan.Promotion, Is.Null);
        Assert.That(CachePromotionPolicy.Problem(plan, enabled: true), Does.Contain("'3f9c1e2' is not a full commit sha").And.Contain("--cache-promote=false"));
        Assert.That(CachePromotionPolicy.Problem(plan, enabled: false), Is.Null, "without the option nothing is promised");
        Assert.That(CachePromotionPolicy.Problem(full, enabled: true), Is.Null);
        Assert.That(CachePromotionPolicy.Problem(tag, enabled: true), Is.Null, "a tag build has nothing to promote");
    }

    [Test]
    public void Promote_with_a_read_only_cache_is_refused_naming_both_options_and_the_fix()
    {
        var options = CiOptions with { CacheReadOnly = true, CachePromote = true };

        var problems = BuildxCacheOptionsValidator.Validate(options, isCI: true);

        Assert.That(problems.Select(problem => problem.Message), Has.Some.Contains("cache-promote").And.Contains("cache-readonly=true").And.Contains("set --cache-promote=false or --cache-readonly=false"));
    }
}
