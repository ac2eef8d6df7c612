using Cake.BuildxCache.Flow;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>Checks the Dockerfile with BuildKit's build checks: <see cref="BuildxCacheRun.Lint"/>.</summary>
[TaskName(BuildxCacheTaskNames.Lint)]
[TaskDescription(BuildxCacheTaskDescriptions.Lint)]
[IsDependentOn(typeof(EnsureBuilderTask))]
[IsDependentOn(typeof(LoginTask))]
public sealed class LintTask : FrostingTask<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context) => context?.Buildx.Lint();
}
