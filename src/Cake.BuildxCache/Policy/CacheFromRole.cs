namespace Cake.BuildxCache.Policy;

/// <summary>Why a ref is in the cache-from chain.</summary>
internal enum CacheFromRole
{
    /// <summary>The build's own branch (or tag).</summary>
    Own,

    /// <summary>The branch this build's commit merged (a merge commit's second parent).</summary>
    MergedBranch,

    /// <summary>The merge request's target branch.</summary>
    MergeRequestTarget,

    /// <summary>The default branch.</summary>
    DefaultBranch,

    /// <summary>Any other ref (added by a consumer).</summary>
    Other,
}
