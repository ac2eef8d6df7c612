using Cake.BuildxCache.Docker;
using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Plans <c>--cache-promote</c>: a branch build that writes its cache writes it to a commit ref next to the branch ref
/// (the branch ref's tag and <c>-&lt;short sha&gt;</c>: <c>&lt;prefix&gt;&lt;slug&gt;[-&lt;scope&gt;]-&lt;short sha&gt;</c>) and promotes it afterwards. Tag pipelines and
/// read-only builds write as before (a tag's ref is written once; nothing to promote). A branch build that cannot have a
/// commit ref (a short sha, a tag over 128 characters) is refused (<see cref="Problem"/>), never written directly.
/// </summary>
internal static class CachePromotionPolicy
{
    /// <summary>How the note of a promotion that cannot be honoured starts.</summary>
    public const string RefusedNote = "cache-promote: refused: ";

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

        if (Refusal(refs.Sha, branchRef) is { } refusal)
        {
            return (cacheTo, null, RefusedNote + refusal);
        }

        var commitTag = CommitTag(branchRef, refs.Sha);
        var commitRef = branchRef[..(branchRef.LastIndexOf(':') + 1)] + commitTag;
        var promotion = new CachePromotion(commitRef, branchRef, refs.Sha, refs.RefName);
        return (cacheTo with { Ref = commitRef }, promotion, "cache-promote: " + promotion.Describe());
    }

    /// <summary>
    /// Why <c>--cache-promote</c> cannot be honoured for a branch build that writes its cache (a short commit sha, a
    /// commit ref tag over 128 characters), or null when it can or when it does not apply. The run refuses it before
    /// anything runs: a user who asked for a cache that never goes backwards must not silently get a direct write.
    /// </summary>
    /// <param name="plan">The build's plan.</param>
    /// <param name="enabled">The <c>cache-promote</c> option.</param>
    /// <returns>The problem and its fix, or null.</returns>
    public static string? Problem(BuildPlan plan, bool enabled)
    {
        ArgumentNullException.ThrowIfNull(plan);
        return enabled && plan.Promotion is null && plan.Refs.Kind == RefKind.Branch && plan.CacheRepo is not null && plan.CacheTo?.Ref is { } branchRef
            ? Refusal(plan.Refs.Sha, branchRef)
            : null;
    }

    private static string? Refusal(string sha, string branchRef)
    {
        if (!CommitSha.IsFull(sha))
        {
            return $"commit '{sha}' is not a full commit sha (40 or 64 lowercase hex digits), so there is no commit ref to promote from and git cannot place it; "
                + "give the full sha (--sha=$(git rev-parse HEAD)) or set --cache-promote=false to write the branch ref directly";
        }

        var commitTag = CommitTag(branchRef, sha);
        return DockerNames.IsValidTag(commitTag)
            ? null
            : $"the commit ref tag '{commitTag}' is {commitTag.Length} characters, and a tag is at most 128 characters; "
                + "shorten --cache-scope or --cache-tag-prefix, or set --cache-promote=false to write the branch ref directly";
    }

    // Next to the branch ref, whatever that ref's tag holds (a prefix, a cache scope): <branch tag>-<sha8>.
    private static string CommitTag(string branchRef, string sha) => branchRef[(branchRef.LastIndexOf(':') + 1)..] + "-" + sha[..8];
}
