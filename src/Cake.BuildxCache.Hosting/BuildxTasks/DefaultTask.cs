using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>A developer's build: BuildWithCache, which loads the image into the local engine on a laptop.</summary>
[TaskName(BuildxCacheTaskNames.Default)]
[TaskDescription(BuildxCacheTaskDescriptions.Default)]
[IsDependentOn(typeof(BuildWithCacheTask))]
public sealed class DefaultTask : FrostingTask<BuildxCacheContext>
{
}
