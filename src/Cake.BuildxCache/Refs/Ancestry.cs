namespace Cake.BuildxCache.Refs;

/// <summary>What git said about one commit being an ancestor of another.</summary>
internal enum Ancestry
{
    /// <summary>It is an ancestor (or the same commit): <c>git merge-base --is-ancestor</c> exited 0.</summary>
    Ancestor,

    /// <summary>It is not: <c>git merge-base --is-ancestor</c> exited 1 in a clone with its full history.</summary>
    NotAncestor,

    /// <summary>
    /// git could not tell: the commit is not in a clone that cannot prove its history complete, the clone is shallow or
    /// grafted (a "no" there may be the boundary speaking), or git failed.
    /// </summary>
    Unknown,
}
