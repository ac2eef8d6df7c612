namespace Cake.BuildxCache.Docker.Build;

/// <summary>
/// What buildx wrote to <c>--metadata-file</c> after a build. Every property is <c>null</c> (or empty) when
/// the build did not produce it: e.g. no <see cref="Digest"/> for a build that was neither pushed nor loaded.
/// </summary>
public sealed record BuildMetadata
{
    /// <summary>Gets the digest of the image or index (<c>containerimage.digest</c>).</summary>
    public string? Digest { get; init; }

    /// <summary>Gets the digest of the image config (<c>containerimage.config.digest</c>).</summary>
    public string? ConfigDigest { get; init; }

    /// <summary>Gets the image names (<c>image.name</c>, comma separated in the file).</summary>
    public IReadOnlyList<string> ImageNames { get; init; } = [];

    /// <summary>Gets the build reference (<c>buildx.build.ref</c>, buildx 0.11+): <c>builder/node/id</c>.</summary>
    public string? BuildRef { get; init; }

    /// <summary>
    /// Gets the build's id in BuildKit's history: the last part of <see cref="BuildRef"/> (<c>builder/node/id</c>), what
    /// <c>docker buildx history inspect</c> takes; <c>null</c> without a build reference.
    /// </summary>
    public string? BuildRecordId => BuildRef?.Split('/')[^1] is { Length: > 0 } id ? id : null;

    /// <summary>Gets the media type of the pushed descriptor (<c>containerimage.descriptor.mediaType</c>).</summary>
    public string? MediaType { get; init; }

    /// <summary>Gets the size of the pushed descriptor (<c>containerimage.descriptor.size</c>).</summary>
    public long? Size { get; init; }

    /// <summary>Gets the digest of the exported cache manifest (from <c>cache.manifest</c>), when a cache was written.</summary>
    public string? CacheManifestDigest { get; init; }
}
