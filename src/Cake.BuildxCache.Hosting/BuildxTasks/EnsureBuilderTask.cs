using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Reuses or (re)creates the builder and bootstraps it: <see cref="BuildxCacheRun.EnsureBuilder"/>.</summary>
[TaskName(BuildxCacheTaskNames.EnsureBuilder)]
[TaskDescription(BuildxCacheTaskDescriptions.EnsureBuilder)]
public sealed class EnsureBuilderTask : FrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context) => context?.Buildx.EnsureBuilder();
}
