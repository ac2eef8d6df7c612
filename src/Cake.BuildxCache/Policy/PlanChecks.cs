using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Problems that show only once the options meet the refs, reported with the option problems before anything runs: the
/// build's own ref starting with the cache tag prefix in the tag-prefix style, an image tag that is a cache tag too
/// (<see cref="TagPrefixCollision"/>), a promotion the plan cannot make (<see cref="CachePromotionPolicy"/>).
/// </summary>
internal static class PlanChecks
{
    /// <summary>The problems of <paramref name="plan"/>.</summary>
    /// <param name="plan">The build plan.</param>
    /// <param name="options">The options it was made from (which option to name, and where it came from).</param>
    /// <returns>The problems, none when the plan is sound.</returns>
    public static IEnumerable<OptionProblem> Check(BuildPlan plan, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        if (plan.Refs.Kind != RefKind.Detached && TagPrefixCollision.Find(plan.Image, plan.CacheRepo, plan.CacheTagPrefix, [plan.Refs.RefName]) is { } collision)
        {
            yield return OptionProblem.For(OptionCatalog.CacheTagPrefix, plan.CacheTagPrefix, options.Origins.GetValueOrDefault(OptionCatalog.CacheTagPrefix.Name), collision);
        }

        foreach (var problem in TagPrefixCollision.ImageTagProblems(plan, options))
        {
            yield return problem;
        }

        if (CachePromotionPolicy.Problem(plan, options.CachePromote) is { } promotion)
        {
            yield return OptionProblem.For(OptionCatalog.CachePromote, "true", options.OriginOf(OptionCatalog.CachePromote), promotion);
        }
    }
}
