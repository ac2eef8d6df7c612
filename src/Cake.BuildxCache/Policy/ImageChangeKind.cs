namespace Cake.BuildxCache.Policy;

/// <summary>How a pushed image compares with what its tags pointed at before the push.</summary>
public enum ImageChangeKind
{
    /// <summary>None of its tags existed before.</summary>
    New,

    /// <summary>Every tag that existed pointed at this very manifest: the push moved nothing.</summary>
    Unchanged,

    /// <summary>
    /// Every tag that existed pointed at the same image manifests inside another index: only the attestation manifests
    /// (which carry build times) are new.
    /// </summary>
    SameImage,

    /// <summary>A tag pointed at another image.</summary>
    Changed,
}
