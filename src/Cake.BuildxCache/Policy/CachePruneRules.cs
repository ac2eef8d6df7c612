namespace Cake.BuildxCache.Policy;

/// <summary>The rules of a registry cache prune.</summary>
/// <param name="Prefix">The cache tag prefix (cache tag = prefix + slug); tags without it are never touched.</param>
/// <param name="DefaultBranchSlug">The default branch's slug: its cache is never deleted.</param>
/// <param name="LiveSlugs">The slugs of the branches that exist (see <see cref="RemoteBranches"/>), or null when unknown: then only the age rule applies.</param>
/// <param name="MaxAge">Caches written longer ago than this go (<c>--cache-max-age</c>), or null for no age limit.</param>
/// <param name="Now">The current time.</param>
internal sealed record CachePruneRules(string Prefix, string DefaultBranchSlug, IReadOnlySet<string>? LiveSlugs, TimeSpan? MaxAge, DateTimeOffset Now)
{
    /// <summary>A ref written within this window is never deleted (default one hour).</summary>
    public TimeSpan RecentWindow { get; init; } = TimeSpan.FromHours(1);

    /// <summary>
    /// Why the default branch is only a guess (neither CI, <c>--default-branch</c> nor the remote named it), or null
    /// when it is known. A guessed default branch could be the wrong one, and its real cache would then look stale:
    /// nothing is deleted.
    /// </summary>
    public string? DefaultBranchGuess { get; init; }

    /// <summary>
    /// The image whose tags this prune may touch, when several images share the cache repository (their tags are
    /// <c>&lt;slug&gt;-&lt;image scope&gt;</c>); null when the repository is one image's alone.
    /// </summary>
    public ImageTagScopes? Image { get; init; }
}
