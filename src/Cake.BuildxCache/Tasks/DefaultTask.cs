using Cake.BuildxCache.Hosting;

namespace Cake.BuildxCache.Tasks;

/// <summary>A developer's build: the same build with the registry cache, loaded into the local engine.</summary>
[TaskName("Default")]
[TaskDescription("Builds locally with the registry cache (read-only) and loads the image into the local engine.")]
[IsDependentOn(typeof(BuildWithCacheTask))]
public sealed class DefaultTask : FrostingTask<BuildxCacheContext>
{
}
