using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The tag-prefix style (<c>--cache-repo=&lt;image&gt; --cache-tag-prefix=cache-</c>) keeps image and cache tags in
/// one repository, told apart only by the prefix. A branch or git tag whose slug starts with the prefix breaks that:
/// branch <c>cache-demo</c>'s image tag <c>cache-demo</c> is also branch <c>demo</c>'s cache tag, so that cache-to
/// overwrites the image and a prune takes the image for a stale cache. The same holds for every other tag the image
/// gets (<c>--tag=cache-main</c>, the short sha, <c>latest</c>): in that style no image tag may start with the prefix.
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

    /// <summary>
    /// The image tags of <paramref name="plan"/> that are cache tags too: in the tag-prefix style, a tag that starts with the
    /// prefix (every cache ref the build writes or reads does: the branch's, with its scope, and a promotion's commit ref),
    /// or, in any style, one that is a cache ref the build writes. The branch and git tag's own tags are
    /// <see cref="Find"/>'s to report (the ref is what to rename).
    /// </summary>
    /// <param name="plan">The build plan.</param>
    /// <param name="options">The options (which option made each tag, and where it came from).</param>
    /// <returns>One problem per colliding tag, naming the option that made it and the cache options.</returns>
    public static IEnumerable<OptionProblem> ImageTagProblems(BuildPlan plan, BuildxCacheOptions options)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(options);
        var prefix = plan.CacheTagPrefix;
        var prefixStyle = IsTagPrefixStyle(plan.Image, plan.CacheRepo, prefix);
        var written = new[] { plan.CacheTo?.Ref, plan.Promotion?.BranchRef }.OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var fullTag in plan.Tags)
        {
            var tag = fullTag[(fullTag.LastIndexOf(':') + 1)..];
            var startsWithPrefix = prefixStyle && tag.StartsWith(prefix, StringComparison.Ordinal);
            if (!startsWithPrefix && !written.Contains(fullTag))
            {
                continue;
            }

            var cache = written.Contains(fullTag)
                ? $"it is the cache ref this build writes ({fullTag})"
                : $"it is where the cache of the ref slug '{tag[prefix.Length..]}' lives";
            var why = $"is a cache tag too: with --cache-repo={plan.CacheRepo} (the image's repository) and --cache-tag-prefix={prefix}, {cache}, so the image and that cache would overwrite each other on every run, and a prune would take the image for a cache";
            var fix = $"or keep the cache in its own repository (--cache-repo={plan.Image}/cache), or choose a --cache-tag-prefix no image tag starts with";
            if (options.ExtraTags.Contains(tag, StringComparer.Ordinal))
            {
                yield return OptionProblem.For(OptionCatalog.Tag, tag, options.OriginOf(OptionCatalog.Tag), $"{why}; give a tag that does not start with '{prefix}', {fix}");
            }
            else if (tag == plan.Refs.ShortSha && options.TagSha)
            {
                yield return OptionProblem.For(OptionCatalog.TagSha, "true", options.OriginOf(OptionCatalog.TagSha), $"gives the tag '{tag}', which {why}; set --tag-sha=false, {fix}");
            }
            else if (tag == "latest" && options.TagLatest)
            {
                yield return OptionProblem.For(OptionCatalog.TagLatest, "true", options.OriginOf(OptionCatalog.TagLatest), $"gives the tag '{tag}', which {why}; set --tag-latest=false, {fix}");
            }
        }
    }

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
