using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Flow;

/// <summary>
/// <c>--cache-mounts</c>: before the build, fills the Dockerfile's cache mounts from their images in the registry;
/// after it, pushes those whose content changed (<see cref="CacheMountImport"/>, <see cref="CacheMountExport"/>).
/// </summary>
/// <param name="run">The run.</param>
/// <param name="plan">The build plan.</param>
internal sealed class CacheMountHook(BuildxCacheRun run, BuildPlan plan) : BuildHook
{
    private (CacheMountsPlan Plan, IReadOnlyList<CacheMountImported> Imported)? _imports;

    /// <inheritdoc />
    public override async Task BeforeBuildAsync(BuildInProgress build) =>
        _imports = await CacheMountImport.RunAsync(run, plan).ConfigureAwait(false);

    /// <inheritdoc />
    public override Task AfterBuildAsync(BuildInProgress build) =>
        _imports is { } imports ? CacheMountExport.RunAsync(run, plan, imports, CacheMountRun.RanLines(run, plan, build.Report)) : Task.CompletedTask;
}
