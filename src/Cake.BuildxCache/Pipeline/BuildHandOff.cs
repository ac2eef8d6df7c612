using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Policy;

namespace Cake.BuildxCache.Pipeline;

/// <summary>What a build hands to the rest of the pipeline: the image, where it went, and the cache it used.</summary>
/// <param name="Image">The image repository without tag or digest (<c>registry.gitlab.com/acme/shop</c>).</param>
/// <param name="Digest">The pushed image's (or index's) digest from the metadata file, or null when nothing was pushed.</param>
/// <param name="Tags">The full image tags (<c>registry.gitlab.com/acme/shop:main</c>), as the plan has them.</param>
/// <param name="CacheFrom">The cache refs the build was told to read, in order.</param>
/// <param name="CacheTo">The cache ref the build was told to write, or null when the cache was read-only.</param>
internal sealed record BuildHandOff(string Image, string? Digest, IReadOnlyList<string> Tags, IReadOnlyList<string> CacheFrom, string? CacheTo)
{
    /// <summary>The hand-off of a planned build and the metadata buildx wrote for it.</summary>
    /// <param name="plan">The plan the build ran.</param>
    /// <param name="metadata">The build's metadata, or null when buildx wrote none.</param>
    /// <returns>The hand-off.</returns>
    public static BuildHandOff From(BuildPlan plan, BuildMetadata? metadata)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new BuildHandOff(
            plan.Image,
            metadata?.Digest,
            plan.Tags,
            plan.CacheFrom.Select(spec => spec.Ref ?? spec.ToString()).ToList(),
            plan.CacheTo is { } cacheTo ? cacheTo.Ref ?? cacheTo.ToString() : null);
    }

    /// <summary>Gets the tag names without the repository (<c>main</c> of <c>registry/app:main</c>), in order, without duplicates.</summary>
    public IReadOnlyList<string> TagNames =>
        Tags.Select(tag => ImageName.Parse(tag).Tag ?? tag).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Gets the image pinned by digest (<c>registry/app@sha256:…</c>), or null without a digest.</summary>
    public string? PinnedImage => Digest is null ? null : Image + "@" + Digest;
}
