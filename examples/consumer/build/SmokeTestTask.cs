using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Hosting.BuildxTasks;
using Cake.Common.Diagnostics;

/// <summary>This repository's own step after the cached build: here it only prints the image's tags.</summary>
[TaskName("SmokeTest")]
[TaskDescription("Runs after BuildWithCache: prints the tags of the image just built.")]
[IsDependentOn(typeof(BuildWithCacheTask))]
public sealed class SmokeTestTask : FrostingTask<ConsumerContext>
{
    /// <inheritdoc/>
    public override void Run(ConsumerContext context)
    {
        foreach (var tag in context.Plan.Tags)
        {
            context.Information($"built {tag}");
        }
    }
}
