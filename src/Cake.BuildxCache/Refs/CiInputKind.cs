namespace Cake.BuildxCache.Refs;

/// <summary>What a value a CI system gave stands for, which decides how it is checked.</summary>
internal enum CiInputKind
{
    /// <summary>The commit sha (<c>--sha</c> overrides it).</summary>
    Sha,

    /// <summary>The branch or git tag built (<c>--branch</c> overrides it).</summary>
    RefName,

    /// <summary>GitLab's slug of the ref name (<c>--branch</c> overrides it).</summary>
    Slug,

    /// <summary>The repository's default branch (<c>--default-branch</c> overrides it).</summary>
    DefaultBranch,

    /// <summary>A merge or pull request's target branch (nothing overrides it).</summary>
    TargetBranch,
}
