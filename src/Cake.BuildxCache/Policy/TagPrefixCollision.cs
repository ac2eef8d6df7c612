using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The tag-prefix style (<c>--cache-repo=&lt;image&gt; --cache-tag-prefix=cache-</c>) keeps image and cache tags in
/// one repository, told apart only by the prefix. A branch or git tag whose slug starts with the prefix breaks that:
/// branch <c>cache-demo</c>'s image tag <c>cache-demo</c> is also branch <c>demo</c>'s cache tag, so that cache-to
/// overwrites the image and a prune takes the image for a stale cache.
/// </summary>
internal static class TagPrefixCollision
{
    /// <summary>True when cache tags share the image's repository, told apart by a non-empty prefix.</summary>
    /// <param name="image">The image repository, when known.</param>
    /// <param name="cacheRepository">The cache repository.</param>
    /// <param name="prefix">The cache tag prefix.</param>
    /// <returns>Whether the tag-prefix style is in use.</returns>
    public static bool IsTagPrefixStyle(string? image, string? cacheRepository, string prefix) =>
        prefix.Length > 0 && image is not null && cacheRepository is not null
        && string.Equals(image.TrimEnd('/'), cacheRepository.TrimEnd('/'), StringComparison.OrdinalIgnoreCase);

    /// <summary>The problem, in plain words with the fix, or null when no ref collides.</summary>
    /// <param name="image">The image repository, when known.</param>
    /// <param name="cacheRepository">The cache repository.</param>
    /// <param name="prefix">The cache tag prefix.</param>
    /// <param name="refNames">Branch and git tag names (as pushed, not slugs).</param>
    /// <returns>The problem, or null.</returns>
    public static string? Find(string? image, string? cacheRepository, string prefix, IEnumerable<string> refNames)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        ArgumentNullException.ThrowIfNull(refNames);
        if (!IsTagPrefixStyle(image, cacheRepository, prefix))
        {
            return null;
        }

        var colliding = refNames.Where(name => RefSlug.From(name).StartsWith(prefix, StringComparison.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (colliding.Count == 0)
        {
            return null;
        }

        var first = colliding[0];
        var slug = RefSlug.From(first);
        var names = string.Join(", ", colliding.Select(name => $"'{name}'"));
        return $"the ref{(colliding.Count == 1 ? string.Empty : "s")} {names} start{(colliding.Count == 1 ? "s" : string.Empty)} with the cache tag prefix '{prefix}', "
            + $"so the image tag {slug} is also the cache tag of branch '{slug[prefix.Length..]}' in {image} (its cache would overwrite the image, and a prune would take the image for a cache); "
            + $"rename {(colliding.Count == 1 ? "that ref" : "those refs")}, or keep the cache in its own repository (--cache-repo={image}/cache), or choose a prefix no ref starts with";
    }
}
