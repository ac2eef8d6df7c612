using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Plans <c>--cache-promote</c>: a branch build that writes its cache writes it to a commit ref next to the branch ref
/// (the branch ref's tag and <c>-&lt;short sha&gt;</c>: <c>&lt;prefix&gt;&lt;slug&gt;[-&lt;scope&gt;]-&lt;short sha&gt;</c>) and promotes it afterwards. Tag pipelines, read-only builds and
/// builds without a full commit sha write as before (a tag's ref is written once; nothing to promote).
/// </summary>
internal static class CachePromotionPolicy
{
    /// <summary>Decides the promotion and the cache-to that goes with it.</summary>
    /// <param name="refs">Where the build stands.</param>
    /// <param name="enabled">The <c>cache-promote</c> option.</param>
    /// <param name="cacheRepo">The cache repository, or null.</param>
    /// <param name="cacheTo">The branch ref's cache-to, or null when the cache is read-only.</param>
    /// <returns>The cache-to to use, the promotion (or null), and a note (or null).</returns>
    public static (CacheSpec? CacheTo, CachePromotion? Promotion, string? Note) Decide(GitRefInfo refs, bool enabled, string? cacheRepo, CacheSpec? cacheTo)
    {
        ArgumentNullException.ThrowIfNull(refs);
        if (!enabled || cacheTo?.Ref is not { } branchRef || cacheRepo is null)
        {
            return (cacheTo, null, null);
        }

        if (refs.Kind != RefKind.Branch)
        {
            return (cacheTo, null, $"cache-promote: a {refs.Kind.ToString().ToLowerInvariant()} build writes its own ref directly (nothing to promote)");
        }

        if (!Registry.CacheRecord.IsFullSha(refs.Sha))
        {
            return (cacheTo, null, $"cache-promote: commit '{refs.Sha}' is not a full sha, so no commit ref: the branch ref is written directly");
        }

        // Next to the branch ref, whatever that ref's tag holds (a prefix, a cache scope): <branch tag>-<sha8>.
        var commitTag = branchRef[(branchRef.LastIndexOf(':') + 1)..] + "-" + refs.Sha[..8];
        if (!DockerNames.IsValidTag(commitTag))
        {
            return (cacheTo, null, $"cache-promote: the commit ref tag '{commitTag}' is no valid tag (at most 128 characters): the branch ref is written directly");
        }

        var commitRef = branchRef[..(branchRef.LastIndexOf(':') + 1)] + commitTag;
        var promotion = new CachePromotion(commitRef, branchRef, refs.Sha);
        return (cacheTo with { Ref = commitRef }, promotion, "cache-promote: " + promotion.Describe());
    }
}
