using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Prints every option with its argument, environment variable, cake.config key and default, as Markdown.</summary>
[TaskName(BuildxCacheTaskNames.Options)]
[TaskDescription(BuildxCacheTaskDescriptions.Options)]
public sealed class OptionsTask : FrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context) => BuildxCacheTaskGraph.PrintOptions(context?.Buildx!);
}
