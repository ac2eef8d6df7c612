using Cake.Core;

namespace Cake.BuildxCache.Hosting.BuildxTasks;

/// <summary>
/// Tells the run which tasks it executes, in order: EnsureBuilder then starts the login beside its
/// <c>buildx create</c> when Login follows it, instead of after it.
/// </summary>
internal sealed class TasksToRunSetup : FrostingSetup<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Setup(BuildxCacheContext context, ISetupContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        context.Buildx.TasksToRun = [.. info.TasksToExecute.Select(task => task.Name)];
    }
}
