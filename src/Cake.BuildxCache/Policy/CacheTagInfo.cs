namespace Cake.BuildxCache.Policy;

/// <summary>One tag of the cache repository, with what the registry told about it.</summary>
/// <param name="Tag">The tag.</param>
/// <param name="Digest">The manifest digest it points at (what delete takes), or null when it could not be read.</param>
/// <param name="Size">The sum of its blobs' sizes, when known.</param>
/// <param name="Created">When it was written, when derivable, else null.</param>
/// <param name="CreatedIsLowerBound">
/// True when <paramref name="Created"/> is only a lower bound (the newest layer's build time, the only time a
/// BuildKit cache carries): the ref was written then or later.
/// </param>
/// <param name="Blobs">The digests and sizes of the blobs it references, when known (to tell what deleting frees).</param>
/// <param name="IsBuildKitCache">
/// True only when the manifest was read and is a BuildKit cache (config <c>application/vnd.buildkit.cacheconfig.v0</c>,
/// or an index holding one): nothing else is ever deleted.
/// </param>
/// <param name="ReadError">Why the tag could not be read, when it could not: then the whole prune deletes nothing.</param>
internal sealed record CacheTagInfo(
    string Tag,
    string? Digest,
    long? Size,
    DateTimeOffset? Created,
    bool CreatedIsLowerBound = false,
    IReadOnlyDictionary<string, long>? Blobs = null,
    bool IsBuildKitCache = false,
    string? ReadError = null)
{
    /// <summary>The commit the tag's record names (a branch ref promoted by <c>--cache-promote</c>), or null.</summary>
    public string? RecordCommit { get; init; }

    /// <summary>
    /// When the ref was written, as its record says (the record's PUT or the promotion's copy), or null without a record:
    /// the only time the age rule trusts (<see cref="Created"/> is when the layers were first built).
    /// </summary>
    public DateTimeOffset? Written { get; init; }

    /// <summary>
    /// True when the tag is a cache mount's image (<see cref="CacheMountTag"/>) whose record names the mount: an image
    /// the build wrote, deleted by the same rules as the layer cache it sits beside.
    /// </summary>
    public bool IsCacheMount { get; init; }

    /// <summary>The branch ref's tag (with prefix) when the record says this tag is a <c>--cache-promote</c> commit ref of it, else null.</summary>
    public string? CommitRefOf { get; init; }
}
