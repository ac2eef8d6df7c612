using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>
/// Builds with the registry cache and pushes, also on a laptop, then prunes the builder when a limit is set:
/// <see cref="BuildxCacheRun.PublishAsync"/>. It runs its own build, so a target of yours that depends on it pushes.
/// </summary>
[TaskName(BuildxCacheTaskNames.Publish)]
[TaskDescription(BuildxCacheTaskDescriptions.Publish)]
[IsDependentOn(typeof(EnsureBuilderTask))]
[IsDependentOn(typeof(LoginTask))]
public sealed class PublishTask : AsyncFrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override Task RunAsync(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Buildx.PublishAsync();
    }
}
