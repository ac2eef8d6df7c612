namespace Cake.BuildxCache.Policy;

/// <summary>
/// One platform's image as a fan-out job pushed it by digest, as the Merge task finds it: in the job's hand-off file
/// (<c>artifacts/fan-out-&lt;platform&gt;.json</c>) or listed with <c>--platform-digest</c>.
/// </summary>
/// <param name="Platform">The platform (<c>linux/amd64</c>).</param>
/// <param name="Image">The image repository it was pushed to.</param>
/// <param name="Digest">The pushed digest (an index of the image and its attestations, or the image manifest).</param>
/// <param name="Commit">The commit it was built from, or null when not known (listed with <c>--platform-digest</c>).</param>
/// <param name="Source">Where Merge found it: the file's path, or <c>--platform-digest</c>.</param>
public sealed record PlatformImage(string Platform, string Image, string Digest, string? Commit, string Source)
{
    /// <summary>The image pinned by digest (<c>registry/app@sha256:…</c>): what <c>imagetools create</c> reads.</summary>
    public string Pinned => Image + "@" + Digest;
}
