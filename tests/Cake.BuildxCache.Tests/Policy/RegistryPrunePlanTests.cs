using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Policy;

/// <summary>
/// The registry prune is part of the run plan: its rules come from the plan (completed with what only the run learns),
/// and the tag-prefix check is the plan's, for the prune (the remote's refs) and for validation (the build's own ref).
/// </summary>
public sealed class RegistryPrunePlanTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 6, 8, 0, 0, TimeSpan.Zero);

    [Test]
    public void The_rules_come_from_the_plan_and_what_the_run_learnt()
    {
        var options = CiOptions with { PruneRegistry = true, CacheTagPrefix = "cache-", CacheMaxAge = "168h", LiveBranches = ["feature/x"] };
        var prune = RunPlanner.Plan(GitLabBranch("feature/x"), options, DockerHostInfo.Local, Created).RegistryPrune!;

        var live = prune.GivenLiveBranches("main");
        var rules = prune.Rules("main", null, live, Now);

        Assert.That(live, Is.EqualTo(new[] { "feature/x", "main" }), "--live-branches with the default branch");
        Assert.That((rules.Prefix, rules.DefaultBranchSlug, rules.MaxAge, rules.Now, rules.DefaultBranchGuess), Is.EqualTo(("cache-", "main", (TimeSpan?)TimeSpan.FromDays(7), Now, (string?)null)));
        Assert.That(rules.LiveSlugs, Is.EquivalentTo(new[] { "feature-x", "main" }));
        Assert.That(prune.Rules("trunk", "a guess", null, Now).DefaultBranchGuess, Is.EqualTo("a guess"));
    }

    [Test]
    public void Without_prune_registry_there_is_no_prune_plan()
    {
        var plan = RunPlanner.Plan(GitLabBranch("main"), CiOptions, DockerHostInfo.Local, Created);

        Assert.That((plan.RegistryPrune, plan.PruneRegistry), Is.EqualTo(((RegistryPrunePlan?)null, false)));
    }

    [Test]
    public void The_prune_checks_the_remotes_refs_and_its_own_for_the_tag_prefix()
    {
        var options = CiOptions with { PruneRegistry = true, CacheRepo = Image, CacheTagPrefix = "cache-" };
        var prune = RunPlanner.Plan(GitLabBranch("feature/x"), options, DockerHostInfo.Local, Created).RegistryPrune!;
        var ownRefCollides = RunPlanner.Plan(GitLabBranch("cache-demo"), options, DockerHostInfo.Local, Created).RegistryPrune!;

        Assert.That(prune.IsTagPrefixStyle, Is.True);
        Assert.That(prune.TagPrefixCollision(["main", "release"]), Is.Null);
        Assert.That(prune.TagPrefixCollision(["main", "cache-old"]), Does.Contain("'cache-old'"));
        Assert.That(ownRefCollides.TagPrefixCollision(["main"]), Does.Contain("'cache-demo'"));
    }

    [Test]
    public void Validation_reports_the_builds_own_ref_colliding_with_the_tag_prefix()
    {
        var options = CiOptions with { CacheRepo = Image, CacheTagPrefix = "cache-" };
        var plan = BuildPlanner.Plan(GitLabBranch("cache-demo"), options, Created);

        var problems = PlanChecks.Check(plan, options).ToList();

        Assert.That(problems.Select(problem => problem.Option), Has.Member(OptionCatalog.CacheTagPrefix.Name));
        Assert.That(PlanChecks.Check(BuildPlanner.Plan(GitLabBranch("feature/x"), options, Created), options), Is.Empty);
    }
}
