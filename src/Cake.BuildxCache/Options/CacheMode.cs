namespace Cake.BuildxCache.Options;

/// <summary>BuildKit's cache export mode.</summary>
public enum CacheMode
{
    /// <summary><c>mode=min</c>: only the layers of the final image.</summary>
    Min,

    /// <summary><c>mode=max</c>: the layers of every stage (what multi-stage builds need).</summary>
    Max,
}
