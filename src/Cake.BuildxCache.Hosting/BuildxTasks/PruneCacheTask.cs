using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Prunes the builder, or with <c>--prune-registry</c> the registry's stale cache tags: <see cref="BuildxCacheRun.PruneAsync"/>.</summary>
[TaskName(BuildxCacheTaskNames.PruneCache)]
[TaskDescription(BuildxCacheTaskDescriptions.PruneCache)]
public sealed class PruneCacheTask : AsyncFrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override Task RunAsync(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Buildx.PruneAsync();
    }
}
