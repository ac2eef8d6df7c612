namespace Cake.BuildxCache.Registry;

/// <summary>The manifest and blob media types the client knows.</summary>
internal static class MediaTypes
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
