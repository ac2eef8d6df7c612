using Cake.BuildxCache.Miss;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// <c>--cache-mounts</c>: before the build, fills the Dockerfile's cache mounts from their images in the registry, unless
/// a layer cache ref the build imports recorded the same inputs for the steps that mount them (<see cref="CacheMountSteps"/>);
/// after it, when a step that mounts them ran, pushes those whose content changed (<see cref="CacheMountImport"/>, <see cref="CacheMountExport"/>).
/// </summary>
/// <param name="run">The run.</param>
/// <param name="plan">The build plan.</param>
internal sealed class CacheMountHook(BuildxCacheRun run, BuildPlan plan) : BuildHook
{
    private (CacheMountsPlan Plan, IReadOnlyList<CacheMountImported> Imported)? _imports;

    /// <inheritdoc />
    public override async Task BeforeBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        var mounts = CacheMountRun.Plan(run, plan);
        var steps = await CacheMountStepRun.DigestsAsync(run, plan, mounts).ConfigureAwait(false);
        build.MountSteps = steps.Where(pair => pair.Value.Digest is not null).ToDictionary(pair => pair.Key, pair => pair.Value.Digest!, StringComparer.Ordinal);
        var cacheFrom = build.CacheFrom.Select(spec => spec.Ref).OfType<string>().ToList();
        _imports = await CacheMountImport.RunAsync(run, mounts, id => CacheMountSteps.Fill(id, steps[id].Digest, steps[id].Why, cacheFrom, build.CacheRecords)).ConfigureAwait(false);
    }

    /// <inheritdoc />
    public override async Task AfterBuildAsync(BuildInProgress build)
    {
        ArgumentNullException.ThrowIfNull(build);
        if (_imports is { } imports)
        {
            build.CacheMounts = await CacheMountExport.RunAsync(run, plan, imports, CacheMountRun.RanLines(run, plan, build.Report)).ConfigureAwait(false);
        }
    }
}
