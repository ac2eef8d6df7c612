using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Docker.Buildx;
using Cake.BuildxCache.Docker.History;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// BuildWithCache's steps: the one <c>docker buildx build</c>, with the cache-from refs the registry has, then BuildKit's
/// record of it (<c>docker buildx history inspect --format json</c>, buildx 0.21 and later) for the report's counts.
/// </summary>
/// <param name="Plan">The build plan.</param>
public sealed record BuildSteps(BuildPlan Plan)
{
    /// <summary>What Plan prints for the build record's id, which only the build's metadata file gives.</summary>
    public const string RecordIdPlaceholder = "<id from buildx.build.ref>";

    /// <summary>True when the registry is asked which cache-from refs exist before the build.</summary>
    public bool ChecksCacheRefs => Plan.CheckCacheRefs && Plan.CacheFrom.Count > 0;

    /// <summary>The steps, with the condition on the cache-from refs.</summary>
    public IReadOnlyList<PlanStep> Steps =>
    [
        new(Build(), ChecksCacheRefs ? "a --cache-from ref the registry does not have is left out (--check-cache-refs)" : null),
        new(Record(RecordIdPlaceholder), $"after the build, with buildx {BuildxHistoryFlags.InspectFormat.BuildxSince.ToString(2)} or later: the report's counts (else the progress output's)"),
        .. Plan.CacheExports.Select(export => new PlanStep(
            DockerCommands.Build(export),
            $"after the build: {export.Platforms[0]}'s cache, exported by the node that built it (every step cached there)")),
    ];

    /// <summary>
    /// <c>docker buildx history inspect --format json</c> of the build, or null when this buildx has no JSON format (an
    /// unknown version is tried: a failure falls back to the progress output).
    /// </summary>
    /// <param name="recordId">The build's id (<see cref="BuildMetadata.BuildRecordId"/>).</param>
    /// <param name="version">buildx's version, when known.</param>
    /// <returns>The settings, or null.</returns>
    public BuildxHistoryInspectSettings? Record(string recordId, BuildxVersion? version) =>
        version is null || BuildxHistoryFlags.InspectFormat.IsKnownTo(version) ? Record(recordId) : null;

    private BuildxHistoryInspectSettings Record(string recordId) => DockerCommands.HistoryInspect(Plan.Builder, recordId);

    /// <summary>The build with <paramref name="cacheFrom"/> (the refs the registry has), progress chosen for <paramref name="version"/>.</summary>
    /// <param name="cacheFrom">The refs to pass, or null for the plan's.</param>
    /// <param name="version">buildx's version, when known.</param>
    /// <returns>The settings.</returns>
    public BuildxBuildSettings Build(IReadOnlyList<CacheSpec>? cacheFrom = null, BuildxVersion? version = null) =>
        DockerCommands.Build(Plan, cacheFrom, version);
}
