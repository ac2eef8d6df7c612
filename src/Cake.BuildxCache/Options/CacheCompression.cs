namespace Cake.BuildxCache.Options;

/// <summary>Layer compression of an exported cache (<c>compression=</c>).</summary>
public enum CacheCompression
{
    /// <summary><c>gzip</c>.</summary>
    Gzip,

    /// <summary><c>estargz</c>.</summary>
    Estargz,

    /// <summary><c>zstd</c>.</summary>
    Zstd,

    /// <summary><c>uncompressed</c>.</summary>
    Uncompressed,
}
