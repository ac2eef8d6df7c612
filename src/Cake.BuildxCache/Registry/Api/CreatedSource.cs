namespace Cake.BuildxCache.Registry;

/// <summary>Where <see cref="ManifestInfo.Created"/> came from.</summary>
internal enum CreatedSource
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
