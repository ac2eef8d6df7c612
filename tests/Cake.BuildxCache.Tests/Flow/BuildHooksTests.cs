using Cake.BuildxCache.Flow;
using Cake.BuildxCache.Options;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Refs;
using Cake.Core;
using NSubstitute;
using static Cake.BuildxCache.Tests.Policy.Scenarios;

namespace Cake.BuildxCache.Tests.Flow;

/// <summary>Which hooks a build runs, and in which order, from its plan alone (nothing is started or asked).</summary>
[TestFixture]
public sealed class BuildHooksTests
{
    [Test]
    public void A_branch_build_that_checks_its_cache_refs_and_writes_its_cache()
    {
        var plan = Plan(CiOptions with { CheckCacheRefs = true, Reproducible = false });

        Assert.That(Hooks(plan), Is.EqualTo(new[] { nameof(CacheRefCheckHook), nameof(BuildRecordHook), nameof(CacheRecordHook) }));
    }

    [Test]
    public void A_reproducible_promoted_push_compares_the_image_and_promotes_after_the_record()
    {
        var plan = Plan(CiOptions with { CheckCacheRefs = false, Reproducible = true, CachePromote = true });

        Assert.That(Hooks(plan), Is.EqualTo(new[] { nameof(ImageChangeHook), nameof(BuildRecordHook), nameof(CacheRecordHook), nameof(PromotionHook) }));
    }

    [Test]
    public void A_local_read_only_load_only_reads_BuildKits_record()
    {
        var plan = RunPlanner.Plan(LocalBranch("feature/x"), LocalOptions with { CheckCacheRefs = false, ExplainCacheMiss = false }, DockerHostInfo.Local, Created).Build;

        Assert.That(Hooks(plan), Is.EqualTo(new[] { nameof(BuildRecordHook) }));
    }

    // The commit time known, as GitLab gives it: a reproducible image takes its epoch from it.
    private static BuildPlan Plan(BuildxCacheOptions options) =>
        RunPlanner.Plan(GitLabBranch("feature/x") with { CommitTime = Created, CommitTimeSource = "CI_COMMIT_TIMESTAMP" }, options, DockerHostInfo.Local, Created).PublishBuild;

    private static string[] Hooks(BuildPlan plan) =>
        [.. BuildHooks.For(new BuildxCacheRun(Substitute.For<ICakeContext>()), plan).Select(hook => hook.GetType().Name)];
}
