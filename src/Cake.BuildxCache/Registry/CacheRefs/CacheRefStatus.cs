namespace Cake.BuildxCache.Registry;

/// <summary>Whether a cache ref exists in its registry.</summary>
internal enum CacheRefStatus
{
    /// <summary>The tag exists.</summary>
    Exists,

    /// <summary>The registry says the tag (or its repository) does not exist.</summary>
    Missing,

    /// <summary>It could not be told: the registry is unreachable, refused access, or answered oddly.</summary>
    Unknown,
}
