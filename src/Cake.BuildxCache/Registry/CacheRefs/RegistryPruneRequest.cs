using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>A registry cache prune to run.</summary>
/// <param name="Repository">The cache repository, e.g. <c>registry.example.com/group/app/cache</c> (a tag on it is ignored).</param>
/// <param name="Rules">The rules (prefix, default branch, live branches, max age, now).</param>
/// <param name="Confirm">True deletes; false (the default) only lists what would go.</param>
internal sealed record RegistryPruneRequest(string Repository, CachePruneRules Rules, bool Confirm = false)
{
    /// <summary>
    /// The image repository, when known: with an empty prefix and the cache living in the image repository,
    /// every image tag would look like a cache tag, so the prune refuses to run.
    /// </summary>
    public string? ImageRepository { get; init; }

    /// <summary>How many manifests are read at once (default 4).</summary>
    public int Parallelism { get; init; } = 4;
}
