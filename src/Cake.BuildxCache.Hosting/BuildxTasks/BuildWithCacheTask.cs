using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Builds with the registry cache, pushing in CI and loading on a laptop: <see cref="BuildxCacheRun.BuildAsync"/>.</summary>
[TaskName(BuildxCacheTaskNames.BuildWithCache)]
[TaskDescription(BuildxCacheTaskDescriptions.BuildWithCache)]
[IsDependentOn(typeof(EnsureBuilderTask))]
[IsDependentOn(typeof(LoginTask))]
public sealed class BuildWithCacheTask : AsyncFrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override Task RunAsync(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Buildx.BuildAsync();
    }
}
