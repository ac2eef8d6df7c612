namespace Cake.BuildxCache.Refs;

/// <summary>What kind of git ref is being built.</summary>
public enum RefKind
{
    /// <summary>A branch (including the source branch of a merge/pull request).</summary>
    Branch,

    /// <summary>A git tag (a release pipeline).</summary>
    Tag,

    /// <summary>A detached HEAD with no branch or tag known: the ref name is the short sha.</summary>
    Detached,
}
