namespace Cake.BuildxCache.Policy;

/// <summary>What git said about one commit being an ancestor of another.</summary>
internal enum Ancestry
{
    /// <summary>It is an ancestor (or the same commit): <c>git merge-base --is-ancestor</c> exited 0.</summary>
    Ancestor,

    /// <summary>It is not: <c>git merge-base --is-ancestor</c> exited 1 in a clone with its full history.</summary>
    NotAncestor,

    /// <summary>
    /// git could not tell: the commit is not in the clone, the clone is shallow (a "no" there may be the shallow
    /// boundary speaking), or git failed.
    /// </summary>
    Unknown,
}
