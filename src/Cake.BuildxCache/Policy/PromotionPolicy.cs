using Cake.BuildxCache.Refs;

namespace Cake.BuildxCache.Policy;

/// <summary>
/// Whether the commit's cache ref is copied to the branch ref. The rule: the branch ref never moves backwards. It is
/// promoted to when it does not exist, holds no record (a cache written without <c>--cache-promote</c>, adopted), holds
/// this very commit, holds an ancestor of it, or holds a commit proven (with the full history) to be on another line
/// (a rewritten branch; a commit a clone lacks counts when the clone proves it holds the branch's whole history, see
/// <c>Refs/GitAncestry</c>). It is left alone when it holds a descendant (a newer pipeline promoted first) and whenever
/// git cannot tell (a shallow clone, a commit the clone lacks and cannot place): then the commit ref stays and the log
/// says why.
/// </summary>
internal static class PromotionPolicy
{
    /// <summary>True when the decision needs git's answer (the branch ref holds a recorded commit other than ours).</summary>
    /// <param name="ours">The build's full commit sha.</param>
    /// <param name="branchRefExists">Whether the branch ref exists.</param>
    /// <param name="heldCommit">The commit its record names, or null.</param>
    /// <returns>Whether to ask git.</returns>
    public static bool NeedsAncestry(string ours, bool branchRefExists, string? heldCommit) =>
        branchRefExists && heldCommit is not null && heldCommit != ours;

    /// <summary>Decides.</summary>
    /// <param name="ours">The build's full commit sha.</param>
    /// <param name="branchRefExists">Whether the branch ref exists.</param>
    /// <param name="heldCommit">The commit the branch ref's record names, or null when it has no record.</param>
    /// <param name="facts">git's answers; needed when <see cref="NeedsAncestry"/> is true, else ignored.</param>
    /// <returns>The decision.</returns>
    public static PromotionDecision Decide(string ours, bool branchRefExists, string? heldCommit, AncestryFacts? facts)
    {
        ArgumentNullException.ThrowIfNull(ours);
        var short8 = Short(ours);
        if (!branchRefExists)
        {
            return new(PromotionVerdict.PromoteFirst, $"the branch ref does not exist yet: promoting {short8}");
        }

        if (heldCommit is null)
        {
            return new(PromotionVerdict.PromoteUnrecorded, $"the branch ref holds a cache with no record of its commit (written without cache-promote): promoting {short8} over it");
        }

        if (heldCommit == ours)
        {
            return new(PromotionVerdict.PromoteSameCommit, $"the branch ref holds this commit {short8} already: promoting this newer build of it");
        }

        var held = Short(heldCommit);
        if (facts is null)
        {
            return new(PromotionVerdict.RefuseUnknown, $"the branch ref holds {held}; how it relates to {short8} was not asked: not promoted");
        }

        if (facts.HeldBeforeOurs == Ancestry.Ancestor)
        {
            return new(PromotionVerdict.PromoteAncestor, $"the branch ref holds {held}, an ancestor of {short8}: promoting");
        }

        if (facts.OursBeforeHeld == Ancestry.Ancestor)
        {
            return new(PromotionVerdict.RefuseNewer, $"the branch ref holds {held}, a descendant of {short8} (a newer pipeline promoted first): not promoted, the ref never moves backwards");
        }

        if (facts is { HeldBeforeOurs: Ancestry.NotAncestor, OursBeforeHeld: Ancestry.NotAncestor })
        {
            return new(PromotionVerdict.PromoteRewritten, $"the branch ref holds {held}, which is not in the history of {short8} nor after it (the branch was rewritten{(facts.Detail is null ? string.Empty : "; " + facts.Detail)}): promoting {short8}");
        }

        return new(
            PromotionVerdict.RefuseUnknown,
            $"the branch ref holds {held}, and git cannot tell whether it is an ancestor of {short8}{(facts.Detail is null ? string.Empty : " (" + facts.Detail + ")")}: "
            + "not promoted, the ref never moves on a guess (fetch the history: GitLab GIT_DEPTH: 0, GitHub actions/checkout fetch-depth: 0)");
    }

    /// <summary>
    /// The decision when this build's copy was written and the branch ref holds a descendant afterwards: superseded,
    /// not promoted (a newer build's cache wins whatever order the writes landed in).
    /// </summary>
    /// <param name="ours">The build's full commit sha.</param>
    /// <param name="newer">The descendant the branch ref holds.</param>
    /// <param name="how">How it got there, for the log.</param>
    /// <returns>The decision.</returns>
    public static PromotionDecision Superseded(string ours, string newer, string how)
    {
        ArgumentNullException.ThrowIfNull(ours);
        ArgumentNullException.ThrowIfNull(newer);
        return new(PromotionVerdict.Superseded, $"the branch ref holds {Short(newer)}, a descendant of {Short(ours)}, {how}: superseded, not promoted (the newer cache stays)");
    }

    private static string Short(string sha) => sha.Length > 8 ? sha[..8] : sha;
}
