using Cake.BuildxCache.Docker;

namespace Cake.BuildxCache.Policy;

/// <summary>One cache-from ref with its role and the branch it belongs to, for plain-words log lines.</summary>
/// <param name="Spec">The <c>--cache-from</c> value.</param>
/// <param name="Role">Why it is in the chain.</param>
/// <param name="RefName">The branch or tag name it is keyed by (<c>main</c>), or null when unknown.</param>
/// <param name="IsTag">True when <paramref name="RefName"/> is a git tag (a tag pipeline's own ref).</param>
internal sealed record CacheFromCandidate(CacheSpec Spec, CacheFromRole Role, string? RefName, bool IsTag = false)
{
    /// <summary>The cache ref (<c>registry/app/cache:main</c>); empty for a non-registry spec.</summary>
    public string Ref => Spec.Ref ?? string.Empty;

    /// <summary>How the log lines name it: <c>branch ref</c>, <c>main's ref</c>, <c>merge request target develop's ref</c>.</summary>
    public string Describe() => Role switch
    {
        CacheFromRole.Own => IsTag ? "tag ref" : "branch ref",
        CacheFromRole.MergedBranch => RefName is null ? "merged branch's ref" : $"merged branch {RefName}'s ref",
        CacheFromRole.MergeRequestTarget => RefName is null ? "merge request target's ref" : $"merge request target {RefName}'s ref",
        CacheFromRole.DefaultBranch => RefName is null ? "default branch's ref" : $"{RefName}'s ref",
        _ => "ref",
    };

    /// <summary>How <c>using …</c> names it: <c>main's</c>, <c>develop's (merge request target)</c>.</summary>
    public string Owner() => Role switch
    {
        CacheFromRole.Own => IsTag ? "the tag's" : "the branch's",
        CacheFromRole.MergedBranch => RefName is null ? "the merged branch's" : $"{RefName}'s (merged branch)",
        CacheFromRole.MergeRequestTarget => RefName is null ? "the merge request target's" : $"{RefName}'s (merge request target)",
        CacheFromRole.DefaultBranch => RefName is null ? "the default branch's" : $"{RefName}'s",
        _ => Ref,
    };
}
