using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>The hooks of one build, chosen from its plan alone, in the order they run.</summary>
internal static class BuildHooks
{
    /// <summary>
    /// The hooks <paramref name="plan"/> asks for. The order matters after the build: the image check starts its
    /// registry read first, BuildKit's record gives the base images the cache record keeps, and the record is on the
    /// commit ref before the promotion copies it; the cache mounts are exported once the image and its cache are out.
    /// </summary>
    /// <param name="run">The run.</param>
    /// <param name="plan">The build plan.</param>
    /// <returns>The hooks, none started.</returns>
    public static IReadOnlyList<BuildHook> For(BuildxCacheRun run, BuildPlan plan)
    {
        ArgumentNullException.ThrowIfNull(run);
        ArgumentNullException.ThrowIfNull(plan);
        var hooks = new List<BuildHook>();
        if (new BuildSteps(plan).ChecksCacheRefs)
        {
            hooks.Add(new CacheRefCheckHook(run, plan));
        }

        if (ImageChangeCheck.Applies(plan))
        {
            hooks.Add(new ImageChangeHook(run, plan));
        }

        hooks.Add(new BuildRecordHook(run));
        if (plan.WritesCache || plan.ExplainsCacheMiss)
        {
            hooks.Add(new CacheRecordHook(run));
        }

        if (plan.CacheExports.Count > 0)
        {
            hooks.Add(new PlatformCacheHook(run, plan));
        }

        if (plan.Promotion is { } promotion)
        {
            hooks.Add(new PromotionHook(run, promotion));
        }

        if (plan.CarriesCacheMounts)
        {
            hooks.Add(new CacheMountHook(run, plan));
        }

        return hooks;
    }
}
