namespace Cake.BuildxCache.Registry;

/// <summary>What a tag or digest points at.</summary>
internal enum ManifestKind
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
