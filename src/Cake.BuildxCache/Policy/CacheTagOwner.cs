using Cake.BuildxCache.Options;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// The branch a cache tag (without its prefix) belongs to: <c>main</c>, or <c>main-linux-386</c> as the default branch's
/// cache in the scope <c>linux-386</c> (see <see cref="CacheScope"/>). Slugs themselves hold dashes, so a tag is read
/// against the slugs that are known to exist: the tag itself when it is one, else the longest known slug it extends with
/// <c>-&lt;scope&gt;</c>. A tag no known slug explains is taken whole as a slug (a branch that is gone). The mistake this
/// can make is only ever to keep: a gone branch <c>main-hotfix</c>'s cache reads as <c>main</c>'s in scope <c>hotfix</c>.
/// </summary>
/// <param name="Slug">The slug of the branch the tag belongs to.</param>
/// <param name="Scope">The scope after it, or null for the branch's unscoped cache.</param>
internal sealed record CacheTagOwner(string Slug, string? Scope)
{
    /// <summary>Reads <paramref name="tag"/> against the known slugs.</summary>
    /// <param name="tag">The cache tag without the prefix.</param>
    /// <param name="defaultSlug">The default branch's slug (always known).</param>
    /// <param name="liveSlugs">The slugs of the branches that exist, or null when unknown.</param>
    /// <returns>The owner.</returns>
    public static CacheTagOwner Of(string tag, string defaultSlug, IReadOnlySet<string>? liveSlugs)
    {
        ArgumentNullException.ThrowIfNull(tag);
        ArgumentNullException.ThrowIfNull(defaultSlug);
        var known = (liveSlugs ?? new HashSet<string>(StringComparer.Ordinal)).Append(defaultSlug).Where(slug => slug.Length > 0);
        if (known.Contains(tag, StringComparer.Ordinal))
        {
            return new(tag, null);
        }

        var owner = known
            .Where(slug => tag.Length > slug.Length + CacheScope.Separator.Length && tag.StartsWith(slug + CacheScope.Separator, StringComparison.Ordinal))
            .OrderByDescending(slug => slug.Length)
            .FirstOrDefault();
        return owner is null ? new(tag, null) : new(owner, tag[(owner.Length + CacheScope.Separator.Length)..]);
    }
}
