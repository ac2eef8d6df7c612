using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;

namespace Cake.BuildxCache.Policy;

/// <summary>BuildWithCache's step: the one <c>docker buildx build</c>, with the cache-from refs the registry has.</summary>
/// <param name="Plan">The build plan.</param>
public sealed record BuildSteps(BuildPlan Plan)
{
    /// <summary>True when the registry is asked which cache-from refs exist before the build.</summary>
    public bool ChecksCacheRefs => Plan.CheckCacheRefs && Plan.CacheFrom.Count > 0;

    /// <summary>The steps, with the condition on the cache-from refs.</summary>
    public IReadOnlyList<PlanStep> Steps =>
        [new(Build(), ChecksCacheRefs ? "a --cache-from ref the registry does not have is left out (--check-cache-refs)" : null)];

    /// <summary>The build with <paramref name="cacheFrom"/> (the refs the registry has), progress chosen for <paramref name="version"/>.</summary>
    /// <param name="cacheFrom">The refs to pass, or null for the plan's.</param>
    /// <param name="version">buildx's version, when known.</param>
    /// <returns>The settings.</returns>
    public BuildxBuildSettings Build(IReadOnlyList<CacheSpec>? cacheFrom = null, BuildxVersion? version = null) =>
        DockerCommands.Build(Plan, cacheFrom, version);
}
