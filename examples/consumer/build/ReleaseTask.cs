using Cake.BuildxCache.Hosting;
using Cake.BuildxCache.Hosting.BuildxTasks;
using Cake.Common.Diagnostics;

/// <summary>
/// This repository's release: the module's Publish (which pushes, on a laptop too), then a line naming what was
/// released. A target of your own may depend on Publish under any name.
/// </summary>
[TaskName("Release")]
[TaskDescription("Publishes the image (Publish pushes) and prints its digest.")]
[IsDependentOn(typeof(PublishTask))]
public sealed class ReleaseTask : FrostingTask<ConsumerContext>
{
    /// <inheritdoc/>
    public override void Run(ConsumerContext context)
    {
        context.Information($"released {context.Run.PublishBuild.Image}@{context.Outcome?.Digest}");
    }
}
