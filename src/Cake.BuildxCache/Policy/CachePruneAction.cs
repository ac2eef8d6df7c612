namespace Cake.BuildxCache.Policy;

/// <summary>What happens to a tag.</summary>
public enum CachePruneAction
{
    /// <summary>The tag (its manifest, by digest) is deleted.</summary>
    Delete,

    /// <summary>The tag is a cache tag and stays.</summary>
    Keep,

    /// <summary>The tag is not a cache tag (no prefix): never touched.</summary>
    Ignore,
}
