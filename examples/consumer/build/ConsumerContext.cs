using Cake.BuildxCache.Options;
using Cake.BuildxCache.Hosting.BuildxTasks;
using Cake.Core;

/// <summary>This repository's options in code: cache tags named buildcache-&lt;branch&gt;, no sha tag on images.</summary>
public sealed class ConsumerContext(ICakeContext context) : BuildxCacheContext(context)
{
    /// <inheritdoc/>
    protected override BuildxCacheOptions ConfigureOptions(BuildxCacheOptions options) => options with
    {
        CacheTagPrefix = "buildcache-",
        TagSha = false,
    };
}
