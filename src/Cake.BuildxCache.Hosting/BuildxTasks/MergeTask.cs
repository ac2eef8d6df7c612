using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>
/// Joins the platform images the fan-out jobs pushed by digest into one index under the tags:
/// <see cref="BuildxCacheRun.MergeAsync"/>.
/// </summary>
[TaskName(BuildxCacheTaskNames.Merge)]
[TaskDescription(BuildxCacheTaskDescriptions.Merge)]
[IsDependentOn(typeof(EnsureBuilderTask))]
[IsDependentOn(typeof(LoginTask))]
public sealed class MergeTask : AsyncFrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override Task RunAsync(BuildxCacheContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Buildx.MergeAsync();
    }
}
