using Cake.BuildxCache.Options.Images;

namespace Cake.BuildxCache.Pipeline;

/// <summary>
/// <c>artifacts/build.env</c>: the build's result as a GitLab dotenv report, so later jobs get it as variables:
/// <list type="table">
/// <item><term><c>IMAGE</c></term><description>the image repository, e.g. <c>registry.gitlab.com/acme/shop</c></description></item>
/// <item><term><c>IMAGE_DIGEST</c></term><description>the pushed digest, <c>sha256:…</c> (left out when nothing was pushed)</description></item>
/// <item><term><c>IMAGE_TAGS</c></term><description>the tag names, comma separated, e.g. <c>feature-x,01234567</c> (pull <c>$IMAGE:tag</c>)</description></item>
/// <item><term><c>CACHE_REF</c></term><description>the cache ref written (left out when the cache was read-only)</description></item>
/// <item><term><c>IMAGE_VERDICT</c></term><description><c>changed</c> or <c>unchanged</c> (left out without the reproducible image-change check)</description></item>
/// <item><term><c>CACHE_PROMOTION</c></term><description><c>promoted</c> or <c>not-promoted</c> (left out without <c>--cache-promote</c>)</description></item>
/// <item><term><c>IMAGE_DIGEST_LINUX_AMD64</c></term><description>a fan-out job's digest, named after its platform in
/// place of <c>IMAGE_DIGEST</c> (and no <c>IMAGE_TAGS</c>: no tag moved), so that the jobs' reports do not overwrite each other</description></item>
/// <item><term><c>IMAGE_PLATFORMS</c></term><description>the Merge task's platforms, comma separated</description></item>
/// </list>
/// A run of several declared images writes each image's variables with its name after them (<c>IMAGE_API</c>,
/// <c>IMAGE_DIGEST_API</c>, <c>IMAGE_TAGS_API</c>…; <c>api-v2</c> is <c>_API_V2</c>), all in one file.
/// A prefix (<c>BUILDX_</c>) keeps the names from clashing with a project's own variables.
/// </summary>
internal static class BuildEnvFile
{
    /// <summary>The image repository's variable name (before the prefix).</summary>
    public const string ImageKey = "IMAGE";

    /// <summary>The digest's variable name (before the prefix).</summary>
    public const string DigestKey = "IMAGE_DIGEST";

    /// <summary>The tags' variable name (before the prefix).</summary>
    public const string TagsKey = "IMAGE_TAGS";

    /// <summary>The written cache ref's variable name (before the prefix).</summary>
    public const string CacheRefKey = "CACHE_REF";

    /// <summary>The image verdict's variable name (before the prefix).</summary>
    public const string ImageVerdictKey = "IMAGE_VERDICT";

    /// <summary>The cache promotion's variable name (before the prefix).</summary>
    public const string CachePromotionKey = "CACHE_PROMOTION";

    /// <summary>The variables, in file order; values may be null (then <see cref="DotenvFile.Render"/> leaves them out).</summary>
    /// <param name="handOff">The build's result.</param>
    /// <param name="prefix">Put before every name; empty by default.</param>
    /// <returns>The variables.</returns>
    public static IReadOnlyList<KeyValuePair<string, string?>> Variables(BuildHandOff handOff, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(handOff);
        ArgumentNullException.ThrowIfNull(prefix);
        var image = ImageSuffix(handOff);
        return
        [
            new(prefix + ImageKey + image, handOff.Image),
            new(prefix + DigestKey + image + PlatformSuffix(handOff), handOff.Digest),
            new(prefix + TagsKey + image, handOff.Platform is null ? string.Join(',', handOff.TagNames) : null),
            new(prefix + CacheRefKey + image, handOff.CacheTo),
            new(prefix + ImageVerdictKey + image, handOff.ImageVerdict),
            new(prefix + CachePromotionKey + image, handOff.CachePromotion),
            new(prefix + PlatformsKey + image, handOff.Platforms.Count == 0 ? null : string.Join(',', handOff.Platforms)),
        ];
    }

    /// <summary>What follows each name for a declared image (<c>_API</c>), else nothing.</summary>
    /// <param name="handOff">The build's result.</param>
    /// <returns>The suffix.</returns>
    public static string ImageSuffix(BuildHandOff handOff)
    {
        ArgumentNullException.ThrowIfNull(handOff);
        return handOff.ImageName is { } name ? "_" + ImageDeclaration.VariablePart(name) : string.Empty;
    }

    /// <summary>The merged platforms' variable name (before the prefix).</summary>
    public const string PlatformsKey = "IMAGE_PLATFORMS";

    /// <summary>What follows <see cref="DigestKey"/> for a fan-out job's platform (<c>_LINUX_AMD64</c>), else nothing.</summary>
    /// <param name="handOff">The build's result.</param>
    /// <returns>The suffix.</returns>
    public static string PlatformSuffix(BuildHandOff handOff)
    {
        ArgumentNullException.ThrowIfNull(handOff);
        return handOff.PlatformSlug is { } slug ? "_" + slug.Replace('-', '_').ToUpperInvariant() : string.Empty;
    }

    /// <summary>The file's text.</summary>
    /// <param name="handOff">The build's result.</param>
    /// <param name="prefix">Put before every name; empty by default.</param>
    /// <returns>The text.</returns>
    /// <exception cref="DotenvException">A value GitLab cannot hold (see <see cref="DotenvFile"/>).</exception>
    public static string Render(BuildHandOff handOff, string prefix = "") => Render([handOff], prefix);

    /// <summary>The file's text for several images' results, each under its own names.</summary>
    /// <param name="handOffs">The results.</param>
    /// <param name="prefix">Put before every name; empty by default.</param>
    /// <returns>The text.</returns>
    /// <exception cref="DotenvException">A value GitLab cannot hold (see <see cref="DotenvFile"/>).</exception>
    public static string Render(IReadOnlyList<BuildHandOff> handOffs, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(handOffs);
        return DotenvFile.Render([.. handOffs.SelectMany(handOff => Variables(handOff, prefix))]);
    }
}
