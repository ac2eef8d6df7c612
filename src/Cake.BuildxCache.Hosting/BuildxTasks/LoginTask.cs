using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Logs in to the image and cache registries: <see cref="BuildxCacheRun.Login"/>.</summary>
[TaskName(BuildxCacheTaskNames.Login)]
[TaskDescription(BuildxCacheTaskDescriptions.Login)]
public sealed class LoginTask : FrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context) => context?.Buildx.Login();
}
