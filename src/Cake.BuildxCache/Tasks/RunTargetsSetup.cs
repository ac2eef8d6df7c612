using Cake.BuildxCache.Hosting;
using Cake.Core;

namespace Cake.BuildxCache.Tasks;

/// <summary>Tells the context which tasks will run, so the run is planned for them (a target depending on Publish pushes).</summary>
public sealed class RunTargetsSetup : FrostingSetup<BuildxCacheContext>
{
    /// <inheritdoc/>
    public override void Setup(BuildxCacheContext context, ISetupContext info)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(info);
        context.TasksToRun = [.. info.TasksToExecute.Select(task => task.Name)];
    }
}
