using Cake.BuildxCache.Docker.Build;
using Cake.BuildxCache.Policy;
using Cake.BuildxCache.Registry;

namespace Cake.BuildxCache.Pipeline;

/// <summary>What a build hands to the rest of the pipeline: the image, where it went, and the cache it used.</summary>
/// <param name="Image">The image repository without tag or digest (<c>registry.gitlab.com/acme/shop</c>).</param>
/// <param name="Digest">The pushed image's (or index's) digest from the metadata file (the index the tags hold when a same-image push put them back on it), or null when nothing was pushed.</param>
/// <param name="Tags">The full image tags (<c>registry.gitlab.com/acme/shop:main</c>), as the plan has them.</param>
/// <param name="CacheFrom">The cache refs the build was told to read, in order.</param>
/// <param name="CacheTo">The cache ref the build was told to write, or null when the cache was read-only.</param>
internal sealed record BuildHandOff(string Image, string? Digest, IReadOnlyList<string> Tags, IReadOnlyList<string> CacheFrom, string? CacheTo)
{
    /// <summary>The value of <see cref="ImageVerdict"/> when the image differs from what its tags had, or they had none.</summary>
    public const string Changed = "changed";

    /// <summary>The value of <see cref="ImageVerdict"/> when the tags already had this image.</summary>
    public const string Unchanged = "unchanged";

    /// <summary>The value of <see cref="CachePromotion"/> when the branch ref now holds this commit's cache.</summary>
    public const string Promoted = "promoted";

    /// <summary>The value of <see cref="CachePromotion"/> when the promotion ran and left the branch ref as it was.</summary>
    public const string NotPromoted = "not-promoted";

    /// <summary>
    /// Gets <see cref="Changed"/> or <see cref="Unchanged"/>: the reproducible image-change check's verdict (a first
    /// push is changed), or null when it did not run (nothing pushed, or <c>--reproducible=false</c>).
    /// </summary>
    public string? ImageVerdict { get; init; }

    /// <summary>Gets the image-change check's own words (<c>image unchanged: …</c>), or null.</summary>
    public string? ImageVerdictWhy { get; init; }

    /// <summary>Gets <see cref="Promoted"/> or <see cref="NotPromoted"/> with <c>--cache-promote</c>, else null.</summary>
    public string? CachePromotion { get; init; }

    /// <summary>Gets why the promotion decided as it did, or null.</summary>
    public string? CachePromotionWhy { get; init; }

    /// <summary>
    /// Gets the platform a fan-out job pushed by digest (<c>linux/amd64</c>), or null: its digest is then handed on under
    /// a name of that platform (<c>IMAGE_DIGEST_LINUX_AMD64</c>, <c>digest-linux-amd64</c>), so two jobs' hand-offs never collide.
    /// </summary>
    public string? Platform { get; init; }

    /// <summary>
    /// Gets the name of a declared image (<c>api</c>, one of several a run builds in one bake), or null for the run's one
    /// image: its results are then handed on under names of it (<c>IMAGE_DIGEST_API</c>, <c>digest-api</c>), so the
    /// images' hand-offs never collide.
    /// </summary>
    public string? ImageName { get; init; }

    /// <summary>Gets the platforms of a merged index (the Merge task's hand-off), else empty.</summary>
    public IReadOnlyList<string> Platforms { get; init; } = [];

    /// <summary>The hand-off of a planned build and the metadata buildx wrote for it.</summary>
    /// <param name="plan">The plan the build ran.</param>
    /// <param name="metadata">The build's metadata, or null when buildx wrote none.</param>
    /// <param name="image">How a reproducible push compares with what its tags pointed at before, or null.</param>
    /// <param name="promotion">What <c>--cache-promote</c> did, or null.</param>
    /// <returns>The hand-off.</returns>
    public static BuildHandOff From(BuildPlan plan, BuildMetadata? metadata, ImageChange? image = null, PromotionResult? promotion = null)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return new BuildHandOff(
            plan.Image,
            image?.TaggedDigest ?? metadata?.Digest,
            plan.Tags,
            plan.CacheFrom.Select(spec => spec.Ref ?? spec.ToString()).ToList(),
            plan.CacheTo is { } cacheTo ? cacheTo.Ref ?? cacheTo.ToString() : null)
        {
            ImageVerdict = image is null ? null : image.IsUnchanged ? Unchanged : Changed,
            ImageVerdictWhy = image?.Message,
            CachePromotion = promotion is null ? null : promotion.Promoted ? Promoted : NotPromoted,
            CachePromotionWhy = promotion?.Decision?.Why ?? (promotion is null ? null : "the commit ref was not there to promote"),
            Platform = plan.PushesByDigest ? plan.FanOutPlatform : null,
        };
    }

    /// <summary>Gets the tag names without the repository (<c>main</c> of <c>registry/app:main</c>), in order, without duplicates.</summary>
    public IReadOnlyList<string> TagNames =>
        Tags.Select(tag => Docker.ImageName.Parse(tag).Tag ?? tag).Distinct(StringComparer.Ordinal).ToList();

    /// <summary>Gets <see cref="Platform"/> as a name part (<c>linux-amd64</c>), or null.</summary>
    public string? PlatformSlug => Platform is null ? null : Options.CacheScope.Slug(Platform);

    /// <summary>Gets the image pinned by digest (<c>registry/app@sha256:…</c>), or null without a digest.</summary>
    public string? PinnedImage => Digest is null ? null : Image + "@" + Digest;
}
