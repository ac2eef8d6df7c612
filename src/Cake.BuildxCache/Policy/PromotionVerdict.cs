namespace Cake.BuildxCache.Policy;

/// <summary>Why the commit's cache ref was, or was not, copied to the branch ref.</summary>
internal enum PromotionVerdict
{
    /// <summary>The branch ref does not exist yet: promoted.</summary>
    PromoteFirst,

    /// <summary>The branch ref holds a cache with no record (written without <c>--cache-promote</c>): promoted, adopting it.</summary>
    PromoteUnrecorded,

    /// <summary>The branch ref holds this very commit's cache (a rebuild): promoted, the newer cache of the same commit.</summary>
    PromoteSameCommit,

    /// <summary>The branch ref holds an ancestor of this commit: promoted.</summary>
    PromoteAncestor,

    /// <summary>
    /// The branch ref holds a commit that is neither ancestor nor descendant, proven with the full history (the branch
    /// was rewritten: a rebase and force push): promoted, since the ref would otherwise stay on the abandoned line.
    /// </summary>
    PromoteRewritten,

    /// <summary>The branch ref holds a descendant of this commit (a newer pipeline promoted first): not promoted.</summary>
    RefuseNewer,

    /// <summary>git could not tell how the commits relate: not promoted.</summary>
    RefuseUnknown,

    /// <summary>
    /// This build's copy was written, and a descendant's cache is on the branch ref now (it landed after the write, or
    /// was put back over it): not promoted, the newer cache stays.
    /// </summary>
    Superseded,
}
