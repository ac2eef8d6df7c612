using Cake.BuildxCache.Hosting;
using Cake.Common.Diagnostics;

namespace Cake.BuildxCache.Tasks;

/// <summary>
/// The CI target: builds with the cache and pushes (also locally, unless <c>--push=false</c>); then
/// prunes the builder when a prune limit is set, so that long-lived runners stay bounded.
/// </summary>
[TaskName(Name)]
[TaskDescription("Builds with the registry cache and pushes the image; prunes the builder when --prune-until/--prune-keep-storage is set.")]
[IsDependentOn(typeof(BuildWithCacheTask))]
public sealed class PublishTask : FrostingTask<BuildxCacheContext>
{
    /// <summary>The task name.</summary>
    public const string Name = "Publish";

    /// <inheritdoc/>
    public override void Run(BuildxCacheContext context)
    {
        if (context.Run.PruneAfterPublish)
        {
            PruneCacheTask.Prune(context, context.Run.BuilderPrune);
        }

        if (context.Plan.Output != Policy.OutputMode.Push)
        {
            // A fork's merge request, or --push=false: the build loaded (or kept) the image.
            context.Information("Nothing published: the image was {0}.", context.Plan.Output == Policy.OutputMode.Load ? "loaded into the local engine" : "kept in the build cache");
        }
        else if (context.Outcome?.Metadata?.Digest is { } digest)
        {
            context.Information("Published {0}@{1}", context.Plan.Image, digest);
        }
    }
}
