using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Prints the plan and every command line; runs no docker: <see cref="BuildxCacheRun.PrintPlan"/>.</summary>
[TaskName(BuildxCacheTaskNames.Plan)]
[TaskDescription(BuildxCacheTaskDescriptions.Plan)]
public sealed class PlanTask : FrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context) => context?.Buildx.PrintPlan();
}
