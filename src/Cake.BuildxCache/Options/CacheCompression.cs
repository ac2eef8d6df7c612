namespace Cake.BuildxCache.Options;

/// <summary>Layer compression of an exported cache (<c>compression=</c>).</summary>
public enum CacheCompression
{
    /// <summary><c>gzip</c>: what every registry and BuildKit reads.</summary>
    Gzip,

    /// <summary><c>estargz</c>: gzip that can be pulled lazily; needs OCI media types.</summary>
    Estargz,

    /// <summary><c>zstd</c>: smaller and faster than gzip.</summary>
    Zstd,

    /// <summary><c>uncompressed</c>: no compression, for a registry on the same network.</summary>
    Uncompressed,
}
