using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Registry;

/// <summary>A manifest's digest and what it weighs.</summary>
/// <param name="Reference">What was asked for (repository and tag or digest).</param>
/// <param name="Digest">The manifest digest (<c>sha256:…</c>): what delete takes.</param>
/// <param name="MediaType">The manifest media type.</param>
/// <param name="Kind">What it is.</param>
/// <param name="ManifestSize">The manifest's own size in bytes.</param>
/// <param name="Blobs">The blobs it references (for an image index: the platform manifests' blobs), without duplicates.</param>
/// <param name="Created">When it was made, when derivable (see <see cref="CreatedFrom"/>), else null.</param>
/// <param name="CreatedFrom">Where <see cref="Created"/> came from.</param>
internal sealed record ManifestInfo(
    RepositoryReference Reference,
    string Digest,
    string MediaType,
    ManifestKind Kind,
    long ManifestSize,
    IReadOnlyList<BlobDescriptor> Blobs,
    DateTimeOffset? Created,
    CreatedSource CreatedFrom)
{
    /// <summary>The record a promoted cache ref carries in its annotations (<c>--cache-promote</c>), or null.</summary>
    public CacheRecord? Record { get; init; }

    /// <summary>The sum of the referenced blobs' sizes (layers, config; for a cache index the listed layers and cache config).</summary>
    public long Size => Blobs.Sum(blob => blob.Size);

    /// <summary>True for BuildKit's registry cache in either form.</summary>
    public bool IsBuildKitCache => Kind is ManifestKind.BuildKitCacheIndex or ManifestKind.BuildKitCacheManifest;
}
