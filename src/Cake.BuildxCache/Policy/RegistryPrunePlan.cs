using Cake.BuildxCache.Options;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>What <c>PruneCache --prune-registry</c> will do, in words, without asking the registry or git.</summary>
internal static class RegistryPrunePlan
{
    /// <summary>The git command that lists the live branches when <c>--live-branches</c> is not given.</summary>
    public const string LsRemote = "git ls-remote --heads origin";

    /// <summary>The git command that asks the remote for its default branch when CI does not name it.</summary>
    public const string SymrefHead = "git ls-remote --symref origin HEAD";

    /// <summary>The steps, as notes: the prune's rules and the git commands it runs.</summary>
    /// <param name="options">The options.</param>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="cacheRepo">The cache repository, or null without one.</param>
    /// <returns>The steps.</returns>
    public static IReadOnlyList<PlanStep> Steps(BuildxCacheOptions options, GitRefInfo refs, string? cacheRepo) =>
        [.. Lines(options, refs, cacheRepo).Select(line => new PlanStep(null, line))];

    private static IEnumerable<string> Lines(BuildxCacheOptions options, GitRefInfo refs, string? cacheRepo)
    {
        var repository = cacheRepo ?? "-";
        yield return options.Confirm
            ? $"registry prune: deletes stale cache tags from {repository} (--confirm)"
            : $"registry prune: dry run of {repository} (add --confirm to delete)";
        var window = RegistryCachePrunePolicy.FormatAge(new CachePruneRules(options.CacheTagPrefix, RefSlug.From(refs.DefaultBranch), null, options.CacheMaxAgeSpan, default).RecentWindow);
        var untouched = options.CacheTagPrefix.Length == 0 ? string.Empty : $"; tags not starting '{options.CacheTagPrefix}' are never touched";
        var defaultTag = options.CacheTagPrefix + RefSlug.From(refs.DefaultBranch);
        var scoped = options.CacheMaxAge is null ? $", {defaultTag}-<scope>" : $"; {defaultTag}-<scope> unless older than the max age";
        yield return $"  keeps:   the default branch's cache ({defaultTag}{scoped}) and any cache written in the last {window}{untouched}";
        var gone = options.LiveBranches.Count > 0
            ? $"caches of branches other than {string.Join(", ", options.LiveBranches)} (--live-branches)"
            : $"caches of branches missing from `{LsRemote}`";
        var old = options.CacheMaxAge is { } age ? $"; caches whose record says they were written more than {age} ago (--cache-max-age)" : string.Empty;
        yield return $"  deletes: {gone}{old}";
        if (options.LiveBranches.Count == 0)
        {
            yield return $"  {LsRemote}    # the live branches";
        }

        if (!refs.DefaultBranchKnown)
        {
            yield return $"  {SymrefHead}    # the default branch (CI and --default-branch do not name it); when the remote cannot tell, nothing is deleted";
        }
    }
}
