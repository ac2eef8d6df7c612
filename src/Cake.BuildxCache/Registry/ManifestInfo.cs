namespace Cake.BuildxCache.Registry;

/// <summary>The manifest and blob media types the client knows.</summary>
public static class MediaTypes
{
    /// <summary>OCI image index.</summary>
    public const string OciIndex = "application/vnd.oci.image.index.v1+json";

    /// <summary>OCI image manifest.</summary>
    public const string OciManifest = "application/vnd.oci.image.manifest.v1+json";

    /// <summary>Docker manifest list (BuildKit's cache with <c>oci-mediatypes=false</c>).</summary>
    public const string DockerManifestList = "application/vnd.docker.distribution.manifest.list.v2+json";

    /// <summary>Docker image manifest, schema 2.</summary>
    public const string DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";

    /// <summary>OCI image configuration.</summary>
    public const string OciImageConfig = "application/vnd.oci.image.config.v1+json";

    /// <summary>Docker image configuration.</summary>
    public const string DockerImageConfig = "application/vnd.docker.container.image.v1+json";

    /// <summary>BuildKit's cache configuration blob: marks a manifest or index as a registry cache.</summary>
    public const string BuildKitCacheConfig = "application/vnd.buildkit.cacheconfig.v0";

    /// <summary>The <c>Accept</c> values sent for manifests: without them registries answer 404 for OCI content.</summary>
    public static IReadOnlyList<string> ManifestAccept { get; } = [OciIndex, OciManifest, DockerManifestList, DockerManifest];

    /// <summary>True for the two index/list types.</summary>
    /// <param name="mediaType">A media type.</param>
    /// <returns>Whether it lists other descriptors.</returns>
    public static bool IsIndex(string? mediaType) => mediaType is OciIndex or DockerManifestList;

    /// <summary>True for the two image manifest types.</summary>
    /// <param name="mediaType">A media type.</param>
    /// <returns>Whether it is an image manifest.</returns>
    public static bool IsImageManifest(string? mediaType) => mediaType is OciManifest or DockerManifest;
}

/// <summary>What a tag or digest points at.</summary>
public enum ManifestKind
{
    /// <summary>An image manifest (one platform).</summary>
    Image,

    /// <summary>An index of image manifests (several platforms); its size sums the platform manifests'.</summary>
    ImageIndex,

    /// <summary>BuildKit's registry cache as an index/manifest list whose entries are the layer blobs and the cache config.</summary>
    BuildKitCacheIndex,

    /// <summary>BuildKit's registry cache as an OCI image manifest (<c>image-manifest=true</c>).</summary>
    BuildKitCacheManifest,

    /// <summary>Anything else (an artifact); its size sums whatever blobs it lists.</summary>
    Other,
}

/// <summary>Where <see cref="ManifestInfo.Created"/> came from.</summary>
public enum CreatedSource
{
    /// <summary>Not derivable.</summary>
    None,

    /// <summary>The manifest's <c>org.opencontainers.image.created</c> annotation.</summary>
    Annotation,

    /// <summary>The image configuration's <c>created</c>.</summary>
    Config,

    /// <summary>
    /// The newest <c>buildkit/createdat</c> annotation of the cache's layers: when the newest layer was built,
    /// so a lower bound of when the ref was written (a fully cached build rewrites a ref with old layers).
    /// </summary>
    NewestLayer,
}

/// <summary>One blob a manifest references.</summary>
/// <param name="Digest">The blob digest.</param>
/// <param name="Size">Its size in bytes.</param>
/// <param name="MediaType">Its media type.</param>
public sealed record BlobDescriptor(string Digest, long Size, string? MediaType);

/// <summary>A manifest's digest and what it weighs.</summary>
/// <param name="Reference">What was asked for (repository and tag or digest).</param>
/// <param name="Digest">The manifest digest (<c>sha256:…</c>): what delete takes.</param>
/// <param name="MediaType">The manifest media type.</param>
/// <param name="Kind">What it is.</param>
/// <param name="ManifestSize">The manifest's own size in bytes.</param>
/// <param name="Blobs">The blobs it references (for an image index: the platform manifests' blobs), without duplicates.</param>
/// <param name="Created">When it was made, when derivable (see <see cref="CreatedFrom"/>), else null.</param>
/// <param name="CreatedFrom">Where <see cref="Created"/> came from.</param>
public sealed record ManifestInfo(
    RepositoryReference Reference,
    string Digest,
    string MediaType,
    ManifestKind Kind,
    long ManifestSize,
    IReadOnlyList<BlobDescriptor> Blobs,
    DateTimeOffset? Created,
    CreatedSource CreatedFrom)
{
    /// <summary>The sum of the referenced blobs' sizes (layers, config; for a cache index the listed layers and cache config).</summary>
    public long Size => Blobs.Sum(blob => blob.Size);

    /// <summary>True for BuildKit's registry cache in either form.</summary>
    public bool IsBuildKitCache => Kind is ManifestKind.BuildKitCacheIndex or ManifestKind.BuildKitCacheManifest;
}

/// <summary>What a HEAD of a manifest answered.</summary>
/// <param name="Digest">The <c>Docker-Content-Digest</c>, when the registry sends it.</param>
/// <param name="MediaType">The <c>Content-Type</c>, when sent.</param>
/// <param name="Size">The <c>Content-Length</c>, when sent.</param>
public sealed record ManifestHead(string? Digest, string? MediaType, long? Size);
